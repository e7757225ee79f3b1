import type {DescribeJobsRequest, DescribeJobsResponse} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import type {BatchState} from '../state.js'

/**
 * DescribeJobs (API reference, "DescribeJobs"): up to 100 job ids; ids that match no job are
 * left out of the answer rather than reported.
 */
export function describeJobs(input: DescribeJobsRequest, {state}: RequestContext<BatchState>): DescribeJobsResponse {
  const ids = input.jobs
  if (!Array.isArray(ids)) throw clientException('jobs is required.')
  if (ids.length > 100) throw clientException(`The number of jobs (${ids.length}) exceeds the maximum of 100.`)
  const jobs = ids.flatMap((id) => {
    const job = state.jobs.get(id)
    return job ? [structuredClone(job)] : []
  })
  return {jobs}
}
