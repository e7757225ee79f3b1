import {randomUUID} from 'node:crypto'

import type {ComputeEnvironmentDetail} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {Handler, RequestContext} from '../../../service.js'
import {activeJobsOn} from '../jobs/runtime.js'
import {batchOptions} from '../options.js'
import {batchArn, type BatchState} from '../state.js'
import {checkComputeResources, invalidReason, isFargate} from './compute-resources.js'
import {findComputeEnvironment, refArn, roleArn, serviceLinkedRoleArn} from './lookup.js'
import {paginate} from './pagination.js'
import {checkTags} from './tags.js'
import {scheduleTransition} from './transitions.js'
import {checkEnum, checkInt, checkName, checkStringList, copy, invalid, optionalEnum, requireString} from './validate.js'

/**
 * CreateComputeEnvironment, DeleteComputeEnvironment, DescribeComputeEnvironments.
 * AWS: CreateComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html
 */

const STATES = ['ENABLED', 'DISABLED'] as const
export const HEALTHY = 'ComputeEnvironment Healthy'

/** Settles a compute environment after CREATING / UPDATING: VALID, or INVALID with a reason. */
export function settleComputeEnvironment(ce: ComputeEnvironmentDetail): void {
  const reason = invalidReason(ce.computeResources)
  ce.status = reason ? 'INVALID' : 'VALID'
  ce.statusReason = reason ?? HEALTHY
}

const createComputeEnvironment: Handler<BatchState> = (input, ctx) => {
  const {state} = ctx
  const name = checkName(input.computeEnvironmentName, 'computeEnvironmentName')
  const type = checkEnum(input.type, 'type', ['MANAGED', 'UNMANAGED'] as const)
  const ceState = optionalEnum(input.state, 'state', STATES) ?? 'ENABLED'
  // AWS (API reference since May 2026, "clarified"): created ENABLED, disabled by UpdateComputeEnvironment.
  if (ceState !== 'ENABLED') throw invalid('A compute environment must be created in the ENABLED state')
  if (input.eksConfiguration) throw clientException('The emulator does not support EKS compute environments')
  let computeResources
  let unmanagedvCpus: number | undefined
  if (type === 'MANAGED') {
    if (input.unmanagedvCpus !== undefined) throw invalid('unmanagedvCpus is only supported for UNMANAGED compute environments')
    computeResources = checkComputeResources(input.computeResources)
  } else {
    if (input.computeResources) throw invalid('computeResources can only be specified for MANAGED compute environments')
    if (input.unmanagedvCpus !== undefined) unmanagedvCpus = checkInt(input.unmanagedvCpus, 'unmanagedvCpus', 0, 2 ** 31 - 1)
    // AWS only creates the service-linked role on its own for MANAGED environments.
    if (!input.serviceRole) throw invalid('ServiceRole is required.')
  }
  const tags = checkTags(input.tags)
  if (state.computeEnvironments.has(name)) throw clientException('Object already exists')
  const arn = batchArn(state, 'compute-environment', name)
  const uuid = randomUUID()
  const ce: ComputeEnvironmentDetail = {
    computeEnvironmentName: name,
    computeEnvironmentArn: arn,
    ecsClusterArn: `arn:aws:ecs:${state.region}:${state.accountId}:cluster/AWSBatch-${name}-${randomUUID()}`,
    tags,
    type,
    state: ceState,
    status: 'CREATING',
    statusReason: 'Creating compute environment',
    ...(computeResources ? {computeResources} : {}),
    ...(unmanagedvCpus !== undefined ? {unmanagedvCpus} : {}),
    serviceRole: input.serviceRole ? roleArn(state, input.serviceRole) : serviceLinkedRoleArn(state),
    // No updatePolicy: CreateComputeEnvironment takes none, and AWS shows one only after
    // UpdateComputeEnvironment set it (its defaults are false / 30 minutes).
    containerOrchestrationType: 'ECS',
    uuid,
  }
  state.computeEnvironments.set(name, ce)
  scheduleTransition(ctx, arn, () => settleComputeEnvironment(ce))
  return {computeEnvironmentName: name, computeEnvironmentArn: arn}
}

/** updatePolicy.jobExecutionTimeoutMinutes: 1–7200, default 30. */
export function checkTimeoutMinutes(value: unknown, current = 30): number {
  return value === undefined || value === null ? current : checkInt(value, 'updatePolicy.jobExecutionTimeoutMinutes', 1, 7200)
}

const RELATIONSHIP = 'Cannot delete, found existing JobQueue relationship'

const deleteComputeEnvironment: Handler<BatchState> = (input, ctx) => {
  const {state, clock} = ctx
  const ref = requireString(input.computeEnvironment, 'computeEnvironment')
  const ce = findComputeEnvironment(state, ref)
  if (!ce) throw clientException(`${refArn(state, 'compute-environment', ref)} does not exist`)
  const arn = ce.computeEnvironmentArn!
  if (ce.status === 'DELETING') return {}
  if (ce.state !== 'DISABLED') throw clientException(`Cannot delete, compute environment ${ce.computeEnvironmentName} is not DISABLED`)
  if (ce.status === 'CREATING' || ce.status === 'UPDATING') throw clientException('Cannot delete, resource is being modified')
  const attached = [...state.jobQueues.values()].some((queue) =>
    queue.computeEnvironmentOrder?.some((entry) => entry.computeEnvironment === arn),
  )
  // AWS keeps answering with the relationship for a while after the queue let go of it.
  const until = state.detachedUntil.get(arn)
  if (attached || (until !== undefined && clock.now() < until)) throw clientException(RELATIONSHIP)
  ce.status = 'DELETING'
  ce.statusReason = 'Deleting compute environment'
  scheduleTransition(ctx, arn, () => {
    // API reference, "DeleteComputeEnvironment": "Compute environments that use AWS Fargate
    // resources must terminate all active jobs on that compute environment before deleting the
    // compute environment. If this isn't done, the compute environment enters an invalid state."
    const active = isFargate(ce.computeResources?.type) ? activeJobsOn(state, ce.computeEnvironmentName!) : 0
    if (active > 0) {
      ce.status = 'INVALID'
      ce.statusReason = `CLIENT_ERROR - Cannot delete the compute environment while ${active} job(s) are still active on it; terminate them and delete it again`
      return
    }
    state.computeEnvironments.delete(ce.computeEnvironmentName!)
    state.detachedUntil.delete(arn)
  })
  return {}
}

/** Records that a queue stopped referring to these compute environments (for `eventualConsistencyMs`). */
export function noteDetached(ctx: RequestContext<BatchState>, arns: Iterable<string>): void {
  const ms = batchOptions(ctx.emulator).eventualConsistencyMs
  if (ms <= 0) return
  for (const arn of arns) ctx.state.detachedUntil.set(arn, ctx.clock.now() + ms)
}

const describeComputeEnvironments: Handler<BatchState> = (input, {state}) => {
  let items = [...state.computeEnvironments.values()]
  if (input.computeEnvironments !== undefined && input.computeEnvironments !== null) {
    const refs = checkStringList(input.computeEnvironments, 'computeEnvironments')
    if (refs.length > 100) throw invalid('computeEnvironments can contain at most 100 entries')
    if (refs.length > 0 && input.maxResults !== undefined && input.maxResults !== null) {
      throw invalid('ComputeEnvironments and MaxResults cannot both be set')
    }
    if (refs.length > 0) {
      // Unknown names are left out of the answer, not an error (AWS does the same).
      const wanted = new Set(refs.map((ref) => findComputeEnvironment(state, ref)).filter(Boolean))
      items = items.filter((ce) => wanted.has(ce))
    }
  }
  const page = paginate(items, input, 'DescribeComputeEnvironments')
  return {computeEnvironments: page.items.map(copy), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
}

export const computeEnvironmentHandlers: Record<string, Handler<BatchState>> = {
  CreateComputeEnvironment: createComputeEnvironment,
  DeleteComputeEnvironment: deleteComputeEnvironment,
  DescribeComputeEnvironments: describeComputeEnvironments,
}
