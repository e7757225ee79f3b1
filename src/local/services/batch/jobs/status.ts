import type {JobDetail, JobStatus} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import {jobsRuntime} from './runtime.js'

export const JOB_STATUSES: JobStatus[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED']

export function isTerminal(status: string | undefined): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED'
}

/** A fresh `statusSummary`: every status with count 0, as AWS returns for array parents. */
export function emptyStatusSummary(): Record<string, number> {
  return Object.fromEntries(JOB_STATUSES.map((status) => [status, 0]))
}

/**
 * Changes a job's status. An array child also moves its parent's `statusSummary` counts
 * (O(1), so a 10,000-child array costs nothing per tick) and returns the parent when the
 * change finished the whole array, so the caller completes it.
 */
export function setStatus(state: BatchState, job: JobDetail, status: JobStatus): JobDetail | undefined {
  const previous = job.status
  job.status = status
  const rt = jobsRuntime(state).jobs.get(job.jobId!)
  if (rt?.nodes && (status === 'PENDING' || status === 'RUNNABLE')) {
    // Node jobs wait with their multi-node parent until it is placed.
    for (const nodeId of rt.nodes) {
      const node = state.jobs.get(nodeId)
      if (node) node.status = status
    }
  }
  if (!rt?.parentId || job.arrayProperties?.index === undefined) return undefined
  const parent = state.jobs.get(rt.parentId)
  const summary = parent?.arrayProperties?.statusSummary
  if (!parent || !summary) return undefined
  // A child counts from its spawn (its release); one that ends before (its parent cancelled while
  // SUBMITTED) only adds to the final status.
  if (previous && rt.released) summary[previous] = (summary[previous] ?? 1) - 1
  summary[status] = (summary[status] ?? 0) + 1
  parent.arrayProperties!.statusSummaryLastUpdatedAt = state.emulator.clock.now()
  const size = parent.arrayProperties!.size ?? 0
  if (!isTerminal(parent.status) && (summary.SUCCEEDED ?? 0) + (summary.FAILED ?? 0) === size) return parent
  return undefined
}

/**
 * Whether DescribeJobs and ListJobs show the job: an array child only once its parent has left
 * SUBMITTED and spawned it (API reference, JobDetail.createdAt: child jobs are "spawned by [the]
 * parent" and enter PENDING then).
 */
export function isSpawned(state: BatchState, job: JobDetail): boolean {
  if (job.arrayProperties?.index === undefined) return true
  const parentId = job.jobId?.slice(0, job.jobId.lastIndexOf(':'))
  return state.jobs.get(parentId ?? '')?.status !== 'SUBMITTED'
}
