import type {UpdatePolicy} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import {terminateOne} from './cancel-terminate.js'
import {jobsRuntime} from './runtime.js'

/**
 * Why jobs that ran on instances an infrastructure update replaced failed. AWS documents that
 * they are terminated, not the wording.
 */
export const INFRASTRUCTURE_UPDATE_REASON = 'Terminated by compute environment infrastructure update'

const active = (status: string | undefined): boolean => status === 'STARTING' || status === 'RUNNING'

/**
 * An infrastructure update replaces the instances of a compute environment. Its update policy
 * decides what happens to the jobs on them (API reference, "UpdatePolicy"): with
 * `terminateJobsOnUpdate` they are terminated at once; otherwise they may run for
 * `jobExecutionTimeoutMinutes` (default 30) and are terminated if still running then.
 * AWS: UpdatePolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdatePolicy.html
 */
export function replaceInstances(state: BatchState, ceName: string, policy: UpdatePolicy | undefined): void {
  const runtime = jobsRuntime(state)
  // The jobs with an attempt on the environment now: a multi-node job by its parent.
  const attempts = new Map<string, number>()
  for (const rt of runtime.jobs.values()) {
    if (rt.computeEnvironment !== ceName || rt.nodes || !active(state.jobs.get(rt.id)?.status)) continue
    const id = rt.parentId && state.jobs.get(rt.id)?.nodeDetails ? rt.parentId : rt.id
    attempts.set(id, state.jobs.get(id)?.attempts?.length ?? 0)
  }
  const stop = (): void => {
    for (const [id, attempt] of attempts) {
      const job = state.jobs.get(id)
      // Only the attempt that ran on the replaced instances (a retry runs on new ones).
      if (job && active(job.status) && (job.attempts?.length ?? 0) === attempt) terminateOne(state, id, INFRASTRUCTURE_UPDATE_REASON)
    }
  }
  if (attempts.size === 0) return
  if (policy?.terminateJobsOnUpdate) stop()
  else state.emulator.clock.setTimeout(stop, (policy?.jobExecutionTimeoutMinutes ?? 30) * 60_000)
}
