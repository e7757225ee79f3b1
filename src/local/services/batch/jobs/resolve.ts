import type {ComputeEnvironmentDetail, JobDefinition, JobQueueDetail} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {BatchState} from '../state.js'

/** The last path segment of an ARN (`.../job-queue/name` → `name`), or the input if not an ARN. */
export function nameFromArnOrName(value: string): string {
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value
}

/** A job queue by name or ARN. */
export function findQueue(state: BatchState, nameOrArn: string): JobQueueDetail | undefined {
  const queue = state.jobQueues.get(nameFromArnOrName(nameOrArn))
  if (queue && nameOrArn.startsWith('arn:') && queue.jobQueueArn !== nameOrArn) return undefined
  return queue
}

/**
 * A job definition as SubmitJob accepts it: `name` (latest ACTIVE revision), `name:revision`
 * or the ARN `arn:aws:batch:<region>:<account>:job-definition/name:revision`.
 */
export function findJobDefinition(state: BatchState, reference: string): JobDefinition | undefined {
  const spec = nameFromArnOrName(reference)
  const [name, revisionText] = spec.split(':')
  const revisions = state.jobDefinitions.get(name ?? '') ?? []
  if (revisionText === undefined) {
    for (let i = revisions.length - 1; i >= 0; i--) if (revisions[i]!.status === 'ACTIVE') return revisions[i]
    return undefined
  }
  const revision = Number(revisionText)
  return revisions.find((definition) => definition.revision === revision)
}

/** The queue's compute environments in `order`, skipping any that no longer exist. */
export function queueComputeEnvironments(state: BatchState, queue: JobQueueDetail): ComputeEnvironmentDetail[] {
  return [...(queue.computeEnvironmentOrder ?? [])]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((entry) => state.computeEnvironments.get(nameFromArnOrName(entry.computeEnvironment ?? '')))
    .filter((ce): ce is ComputeEnvironmentDetail => ce !== undefined)
}

/** A compute environment can place jobs while VALID and ENABLED. */
export function ceUsable(ce: ComputeEnvironmentDetail): boolean {
  return ce.status === 'VALID' && ce.state === 'ENABLED'
}

/**
 * vCPUs a compute environment can hold at once: `maxvCpus` for managed ones (EC2, Spot and
 * Fargate alike); an unmanaged one has no limit AWS knows (`unmanagedvCpus` when set).
 */
export function ceCapacity(ce: ComputeEnvironmentDetail): number {
  if (ce.type === 'UNMANAGED') return ce.unmanagedvCpus && ce.unmanagedvCpus > 0 ? ce.unmanagedvCpus : Number.POSITIVE_INFINITY
  return ce.computeResources?.maxvCpus ?? 0
}

export function isFargate(ce: ComputeEnvironmentDetail | undefined): boolean {
  const type = ce?.computeResources?.type
  return type === 'FARGATE' || type === 'FARGATE_SPOT'
}

/**
 * Statuses in which an ENABLED queue takes jobs. The `state` decides ("If the job queue state is
 * ENABLED, it can accept jobs", API reference, "JobQueueDetail"); an UPDATING queue was VALID
 * and keeps working while UpdateJobQueue settles (a priority or order change must not refuse
 * submissions). A queue still CREATING, or DELETING, takes none.
 */
const ACCEPTING_STATUSES = new Set(['VALID', 'UPDATING'])

/** SubmitJob's checks on the queue: it exists ("JobQueue <name> not found.", as AWS says) and accepts jobs. */
export function usableQueue(state: BatchState, nameOrArn: string): JobQueueDetail {
  const queue = findQueue(state, nameOrArn)
  if (!queue) throw clientException(`JobQueue ${nameOrArn} not found.`)
  if (queue.state !== 'ENABLED' || !ACCEPTING_STATUSES.has(queue.status ?? '')) {
    throw clientException(`JobQueue ${queue.jobQueueArn} is not in a valid state (state ${queue.state}, status ${queue.status}).`)
  }
  return queue
}

/** SubmitJob's checks on the job definition: it exists and is ACTIVE. */
export function usableJobDefinition(state: BatchState, reference: string): JobDefinition {
  // AWS's words, e.g. "JobDefinition name nextflow does not exist or is not in ACTIVE status".
  const definition = findJobDefinition(state, reference)
  if (!definition || definition.status !== 'ACTIVE') {
    const named = reference.includes(':') ? `JobDefinition ${reference}` : `JobDefinition name ${reference}`
    throw clientException(`${named} does not exist or is not in ACTIVE status`)
  }
  return definition
}
