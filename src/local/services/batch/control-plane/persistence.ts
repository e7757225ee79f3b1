import type {ComputeEnvironmentDetail, JobDefinition, JobQueueDetail, SchedulingPolicyDetail} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import {settleComputeEnvironment} from './compute-environments.js'

/** The control plane's part of `--state file`: plain JSON of every record. */
export interface SavedControlPlane {
  computeEnvironments: ComputeEnvironmentDetail[]
  jobQueues: JobQueueDetail[]
  jobDefinitions: JobDefinition[][]
  schedulingPolicies: SchedulingPolicyDetail[]
}

export function saveControlPlane(state: BatchState): SavedControlPlane {
  return structuredClone({
    computeEnvironments: [...state.computeEnvironments.values()],
    jobQueues: [...state.jobQueues.values()],
    jobDefinitions: [...state.jobDefinitions.values()],
    schedulingPolicies: [...state.schedulingPolicies.values()],
  })
}

/**
 * Loads saved records. Transitions do not survive a restart (their timers are gone), so a
 * resource saved mid-transition is settled now: CREATING/UPDATING → VALID (or INVALID), DELETING → removed.
 */
export function restoreControlPlane(state: BatchState, saved: Partial<SavedControlPlane> | undefined): void {
  if (!saved) return
  for (const ce of saved.computeEnvironments ?? []) {
    if (ce.status === 'DELETING' || ce.status === 'DELETED') continue
    if (ce.status === 'CREATING' || ce.status === 'UPDATING') settleComputeEnvironment(ce)
    state.computeEnvironments.set(ce.computeEnvironmentName!, ce)
  }
  for (const queue of saved.jobQueues ?? []) {
    if (queue.status === 'DELETING' || queue.status === 'DELETED') continue
    if (queue.status === 'CREATING' || queue.status === 'UPDATING') Object.assign(queue, {status: 'VALID', statusReason: 'JobQueue Healthy'})
    state.jobQueues.set(queue.jobQueueName!, queue)
  }
  for (const revisions of saved.jobDefinitions ?? []) {
    const name = revisions[0]?.jobDefinitionName
    if (name) state.jobDefinitions.set(name, revisions)
  }
  for (const policy of saved.schedulingPolicies ?? []) state.schedulingPolicies.set(policy.arn!, policy)
}
