import type {ComputeEnvironmentDetail, JobQueueDetail} from '@aws-sdk/client-batch'

import {batchArn, type BatchState} from '../state.js'

/** The name in a Batch ARN of the given kind (`…:compute-environment/<name>`), or undefined. */
export function nameFromArn(state: BatchState, kind: string, value: string): string | undefined {
  const prefix = batchArn(state, kind, '')
  return value.startsWith(prefix) ? value.slice(prefix.length) : undefined
}

/** Compute environments are addressed by name or full ARN. */
export function findComputeEnvironment(state: BatchState, ref: string): ComputeEnvironmentDetail | undefined {
  const name = ref.startsWith('arn:') ? nameFromArn(state, 'compute-environment', ref) : ref
  return name === undefined ? undefined : state.computeEnvironments.get(name)
}

/** Job queues are addressed by name or full ARN. */
export function findJobQueue(state: BatchState, ref: string): JobQueueDetail | undefined {
  const name = ref.startsWith('arn:') ? nameFromArn(state, 'job-queue', ref) : ref
  return name === undefined ? undefined : state.jobQueues.get(name)
}

/**
 * The ARN a reference names (a name becomes `arn:…:<kind>/<name>`). AWS's "not found" messages
 * name the ARN: "arn:aws:batch:…:compute-environment/x does not exist".
 */
export function refArn(state: BatchState, kind: string, ref: string): string {
  return ref.startsWith('arn:') ? ref : batchArn(state, kind, ref)
}

/** The AWS Batch service-linked role, which AWS uses when CreateComputeEnvironment names no role. */
export function serviceLinkedRoleArn(state: BatchState): string {
  return `arn:aws:iam::${state.accountId}:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch`
}

export function isServiceLinkedRole(arn: string | undefined): boolean {
  return arn !== undefined && arn.endsWith('/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch')
}

/**
 * A role given by name becomes `arn:aws:iam::<account>:role/<name>` (AWS assumes no
 * `service-role/` path unless the name carries one).
 */
export function roleArn(state: BatchState, role: string): string {
  return role.startsWith('arn:') ? role : `arn:aws:iam::${state.accountId}:role/${role.replace(/^\//, '')}`
}
