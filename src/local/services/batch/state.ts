import type {
  ComputeEnvironmentDetail,
  JobDefinition,
  JobDetail,
  JobQueueDetail,
  SchedulingPolicyDetail,
} from '@aws-sdk/client-batch'

import type {TimerHandle} from '../../clock.js'
import type {Emulator} from '../../emulator.js'

/**
 * AWS Batch state of one region. Records are stored in the shapes the API returns
 * (the SDK's output types), so Describe* answers are copies of what is stored.
 */
export interface BatchState {
  region: string
  accountId: string
  emulator: Emulator
  /** By name. */
  computeEnvironments: Map<string, ComputeEnvironmentDetail>
  /** By name. */
  jobQueues: Map<string, JobQueueDetail>
  /** By name: every revision, ascending. */
  jobDefinitions: Map<string, JobDefinition[]>
  /** By ARN (scheduling policies are addressed by ARN in the API). */
  schedulingPolicies: Map<string, SchedulingPolicyDetail>
  /** By job id, including array children (`<id>:<index>`) and node jobs (`<id>#<node>`). */
  jobs: Map<string, JobDetail>
  /** Work owned by the jobs engine (timers, processes); the control plane does not touch it. */
  runtime: Record<string, unknown>
  /**
   * Control plane: pending status transitions (CREATING → VALID, DELETING → gone…) by resource
   * ARN, so a newer transition replaces an older one.
   */
  transitions: Map<string, TimerHandle>
  /**
   * Control plane: compute environment ARN → virtual time until which AWS still reports the
   * job-queue relationship after it was detached (`eventualConsistencyMs`).
   */
  detachedUntil: Map<string, number>
}

export function createBatchState(init: {region: string; accountId: string; emulator: Emulator}): BatchState {
  return {
    ...init,
    computeEnvironments: new Map(),
    jobQueues: new Map(),
    jobDefinitions: new Map(),
    schedulingPolicies: new Map(),
    jobs: new Map(),
    runtime: {},
    transitions: new Map(),
    detachedUntil: new Map(),
  }
}

/** `arn:aws:batch:<region>:<account>:<kind>/<name>` */
export function batchArn(state: BatchState, kind: string, name: string): string {
  return `arn:aws:batch:${state.region}:${state.accountId}:${kind}/${name}`
}
