import type {ComputeEnvironmentDetail, JobDetail, JobQueueDetail} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import {ceCapacity} from './resolve.js'
import type {JobRuntime} from './runtime.js'

/**
 * Why the RUNNABLE job at the head of a queue cannot be placed, in AWS's words (AWS Batch User
 * Guide, "Jobs stuck in a RUNNABLE status" and its "invalid compute environments" /
 * "misconfiguration" pages). `undefined` means it merely waits its turn for free vCPUs.
 */
export function blockedReason(job: Pick<JobRuntime, 'vcpus'>, environments: ComputeEnvironmentDetail[]): {code: string; message: string} | undefined {
  if (environments.length === 0 || environments.every((ce) => ce.status === 'INVALID')) {
    return {code: 'ACTION_REQUIRED', message: 'ACTION_REQUIRED - CE(s) associated with the job queue are invalid.'}
  }
  if (environments.every((ce) => ceCapacity(ce) < job.vcpus)) {
    return {
      code: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE',
      message: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet the CPU requirement of the job.',
    }
  }
  return undefined
}

/**
 * Marks the head job blocked (its `statusReason`, as ListJobs and DescribeJobs show it) and,
 * when the queue has a `jobStateTimeLimitActions` entry for that reason, arms the CANCEL that
 * fires after `maxTimeSeconds` if the job is still blocked for the same reason.
 */
export function markBlocked(
  state: BatchState,
  queue: JobQueueDetail | undefined,
  job: JobDetail,
  rt: JobRuntime,
  reason: {code: string; message: string} | undefined,
  cancel: (reason: string) => void,
): void {
  if (!reason) return
  if (rt.blocked?.code === reason.code) return
  state.emulator.clock.clearTimeout(rt.blocked?.timer)
  job.statusReason = reason.message
  rt.blocked = {code: reason.code}
  const action = queue?.jobStateTimeLimitActions?.find((a) => a.state === 'RUNNABLE' && a.action === 'CANCEL' && a.reason === reason.code)
  if (!action?.maxTimeSeconds) return
  const blocked = rt.blocked
  blocked.timer = state.emulator.clock.setTimeout(() => {
    if (job.status !== 'RUNNABLE' || rt.blocked !== blocked) return
    cancel(`Canceled by JobStateTimeLimit action due to reason: ${reason.code}`)
  }, action.maxTimeSeconds * 1000)
}

/** The job left RUNNABLE or got placed: it is no longer blocked. */
export function clearBlocked(state: BatchState, job: JobDetail, rt: JobRuntime): void {
  if (!rt.blocked) return
  state.emulator.clock.clearTimeout(rt.blocked.timer)
  rt.blocked = undefined
  if (job.statusReason?.startsWith('ACTION_REQUIRED') || job.statusReason?.startsWith('MISCONFIGURATION:')) delete job.statusReason
}
