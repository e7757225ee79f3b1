import type {DescribeJobsRequest, DescribeJobsResponse} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import type {BatchState} from '../state.js'
import {isSpawned} from './status.js'

/**
 * DescribeJobs (API reference, "DescribeJobs"): up to 100 job ids; ids that match no job are
 * left out of the answer rather than reported.
 */
export function describeJobs(input: DescribeJobsRequest, {state, requestId}: RequestContext<BatchState>): DescribeJobsResponse {
  const ids = input.jobs
  if (!Array.isArray(ids)) throw clientException('jobs is required.')
  if (ids.length > 100) {
    // AWS's words, double space included (as reported by SDK users).
    throw clientException(`Error executing request, Exception : Maximum number of jobs supported is  100 ., RequestId: ${requestId}`)
  }
  const jobs = ids.flatMap((id) => {
    const job = state.jobs.get(id)
    return job && isSpawned(state, job) ? [structuredClone(job)] : []
  })
  return {jobs}
}
