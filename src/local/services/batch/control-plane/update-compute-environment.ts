import type {ComputeEnvironmentDetail, ComputeResource} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import {replaceInstances} from '../jobs/infrastructure-update.js'
import type {BatchState} from '../state.js'
import {checkTimeoutMinutes, settleComputeEnvironment} from './compute-environments.js'
import {
  ALLOCATION_STRATEGIES,
  checkEc2Configuration,
  checkScalingPolicy,
  defaultEc2Configuration,
  EC2_ONLY_FIELDS,
  isFargate,
  RESOURCE_TYPES,
} from './compute-resources.js'
import {findComputeEnvironment, isServiceLinkedRole, refArn, roleArn} from './lookup.js'
import {checkTags} from './tags.js'
import {BUSY_STATUSES, scheduleTransition} from './transitions.js'
import {checkInt, checkStringList, invalid, optionalEnum, requireString} from './validate.js'

/**
 * UpdateComputeEnvironment.
 * AWS: UpdateComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html
 * AWS: Perform infrastructure updates — https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html
 *
 * Scaling fields (minvCpus, maxvCpus, desiredvCpus), `state`, `unmanagedvCpus`, `updatePolicy`
 * and `serviceRole` (within its kind) can always change. Every other `computeResources` field
 * is an *infrastructure update*, which AWS only allows when the environment uses the
 * AWSServiceRoleForBatch service-linked role and an allocation strategy of
 * BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED (the emulator
 * also accepts the newer BEST_FIT_PROGRESSIVE_ORDERED and SPOT_CAPACITY_OPTIMIZED_PRIORITIZED).
 * Fargate environments may change subnets, security groups and maxvCpus, and never their type.
 * AWS: Updating compute environments — https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html
 */

const INFRA_STRATEGIES = new Set([
  'BEST_FIT_PROGRESSIVE',
  'BEST_FIT_PROGRESSIVE_ORDERED',
  'SPOT_CAPACITY_OPTIMIZED',
  'SPOT_PRICE_CAPACITY_OPTIMIZED',
  'SPOT_CAPACITY_OPTIMIZED_PRIORITIZED',
])
/**
 * Scaling updates, allowed whatever the service role and allocation strategy. The scale-down
 * delay is one of them ("The following settings trigger scaling updates when modified
 * exclusively: desiredvCpus, maxvCpus, minvCpus, minScaleDownDelayMinutes").
 * AWS: Perform scaling updates — https://docs.aws.amazon.com/batch/latest/userguide/scaling-updates.html
 */
const SCALING_FIELDS = new Set(['minvCpus', 'maxvCpus', 'desiredvCpus', 'scalingPolicy'])
/** AWS: Updating compute environments, "Updating AWS Fargate compute environments". */
const FARGATE_UPDATABLE = new Set(['subnets', 'securityGroupIds', 'type', 'maxvCpus'])
const UPDATE_FIELDS = new Set([
  ...SCALING_FIELDS,
  ...EC2_ONLY_FIELDS,
  'subnets',
  'securityGroupIds',
  'type',
  'updateToLatestImageVersion',
])

const updateComputeEnvironment: Handler<BatchState> = (input, ctx) => {
  const {state} = ctx
  const ref = requireString(input.computeEnvironment, 'computeEnvironment')
  const ce = findComputeEnvironment(state, ref)
  if (!ce) throw clientException(`${refArn(state, 'compute-environment', ref)} does not exist`)
  if (BUSY_STATUSES.has(ce.status ?? '')) throw clientException('Cannot update, resource is being modified')
  // Work on a copy so a refused update changes nothing.
  const next: ComputeEnvironmentDetail = structuredClone(ce)
  const newState = optionalEnum(input.state, 'state', ['ENABLED', 'DISABLED'] as const)
  if (newState) next.state = newState
  if (input.unmanagedvCpus !== undefined && input.unmanagedvCpus !== null) {
    if (ce.type !== 'UNMANAGED') throw invalid('unmanagedvCpus can only be updated for an UNMANAGED compute environment')
    next.unmanagedvCpus = checkInt(input.unmanagedvCpus, 'unmanagedvCpus', 0, 2 ** 31 - 1)
  }
  if (input.serviceRole) {
    const role = roleArn(state, input.serviceRole)
    if (isServiceLinkedRole(role) !== isServiceLinkedRole(ce.serviceRole)) {
      throw invalid(
        isServiceLinkedRole(ce.serviceRole)
          ? 'A compute environment that uses the service-linked role cannot be changed to use a regular IAM role'
          : 'A compute environment that uses a regular IAM role cannot be changed to use the service-linked role',
      )
    }
    next.serviceRole = role
  }
  if (input.updatePolicy) {
    next.updatePolicy = {
      terminateJobsOnUpdate: input.updatePolicy.terminateJobsOnUpdate ?? ce.updatePolicy?.terminateJobsOnUpdate ?? false,
      jobExecutionTimeoutMinutes: checkTimeoutMinutes(
        input.updatePolicy.jobExecutionTimeoutMinutes,
        ce.updatePolicy?.jobExecutionTimeoutMinutes,
      ),
    }
  }
  if (input.computeResources) {
    if (ce.type === 'UNMANAGED' || !ce.computeResources) {
      throw invalid('computeResources can only be updated for a MANAGED compute environment')
    }
    next.computeResources = updateResources(ce.computeResources, input.computeResources, next.serviceRole)
  }
  // Checked: apply in place, so whoever holds the record (the jobs engine) sees the change.
  Object.assign(ce, next, {status: 'UPDATING', statusReason: 'Updating compute environment'})
  if (input.computeResources && isInfrastructureUpdate(ce.computeResources, input.computeResources)) {
    replaceInstances(state, ce.computeEnvironmentName!, ce.updatePolicy)
  }
  scheduleTransition(ctx, ce.computeEnvironmentArn!, () => settleComputeEnvironment(ce))
  return {computeEnvironmentName: ce.computeEnvironmentName, computeEnvironmentArn: ce.computeEnvironmentArn}
}

/** Whether the update replaces instances: any EC2 / Spot setting beyond the scaling ones (User Guide, "Perform infrastructure updates"). */
function isInfrastructureUpdate(resources: ComputeResource | undefined, update: Record<string, any>): boolean {
  if (isFargate(resources?.type)) return false
  return Object.keys(update).some((key) => update[key] !== undefined && update[key] !== null && !SCALING_FIELDS.has(key))
}

function updateResources(current: ComputeResource, update: Record<string, any>, serviceRole: string | undefined): ComputeResource {
  const given = Object.keys(update).filter((key) => update[key] !== undefined && update[key] !== null)
  for (const key of given) if (!UPDATE_FIELDS.has(key)) throw invalid(`computeResources.${key} cannot be updated`)
  const next: Record<string, any> = {...current}
  const fargate = isFargate(current.type)
  if (update.type !== undefined && update.type !== current.type) {
    const type = optionalEnum(update.type, 'computeResources.type', RESOURCE_TYPES)!
    // Only EC2 <-> SPOT is an (infrastructure) update; Fargate environments keep their type.
    if (fargate || isFargate(type)) throw invalid(`computeResources.type cannot be changed from ${current.type} to ${type}`)
    next.type = type
  }
  if (fargate) {
    for (const key of given) {
      if (!FARGATE_UPDATABLE.has(key)) throw invalid(`computeResources.${key} isn't applicable to ${current.type} compute environments`)
    }
    // For Fargate an empty list means "no change".
    for (const key of ['subnets', 'securityGroupIds'] as const) {
      const list = update[key] === undefined ? [] : checkStringList(update[key], `computeResources.${key}`)
      if (list.length > 0) next[key] = list
    }
    if ((next.subnets?.length ?? 0) > 16) throw invalid('Fargate compute resources can contain up to 16 subnets')
    if ((next.securityGroupIds?.length ?? 0) > 5) throw invalid('Fargate compute resources can contain up to 5 security groups')
  } else {
    const infrastructure = given.filter((key) => !SCALING_FIELDS.has(key))
    if (infrastructure.length > 0) {
      if (update.allocationStrategy === 'BEST_FIT') throw invalid('BEST_FIT isn\'t supported when updating a compute environment')
      const strategy = optionalEnum(update.allocationStrategy, 'computeResources.allocationStrategy', ALLOCATION_STRATEGIES) ?? current.allocationStrategy
      if (!isServiceLinkedRole(serviceRole) || !INFRA_STRATEGIES.has(strategy ?? 'BEST_FIT')) {
        throw invalid(
          `Only minvCpus, maxvCpus and desiredvCpus can be updated for a compute environment that does not use the ` +
            `AWSServiceRoleForBatch service-linked role and an allocation strategy of BEST_FIT_PROGRESSIVE, ` +
            `SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED (got ${infrastructure.join(', ')})`,
        )
      }
      for (const key of infrastructure) next[key] = update[key]
      if (update.ec2Configuration !== undefined) {
        const removing = update.ec2Configuration === '' || (Array.isArray(update.ec2Configuration) && update.ec2Configuration.length === 0)
        next.ec2Configuration = removing ? defaultEc2Configuration(next.instanceTypes ?? []) : checkEc2Configuration(update.ec2Configuration)
      }
      if (update.tags !== undefined) next.tags = checkTags(update.tags)
      if (update.bidPercentage !== undefined) checkInt(update.bidPercentage, 'computeResources.bidPercentage', 0, 100)
      if (next.type === 'EC2' && String(next.allocationStrategy).startsWith('SPOT_')) {
        throw invalid(`allocationStrategy ${next.allocationStrategy} is only available for SPOT compute resources`)
      }
    }
  }
  return checkScaling(current, next, update)
}

/** minvCpus ≤ desiredvCpus ≤ maxvCpus, and desiredvCpus may only grow. */
function checkScaling(current: ComputeResource, next: Record<string, any>, update: Record<string, any>): ComputeResource {
  const fargate = isFargate(next.type)
  if (update.maxvCpus !== undefined) next.maxvCpus = checkInt(update.maxvCpus, 'computeResources.maxvCpus', 0, 2 ** 31 - 1)
  if (fargate) {
    for (const key of ['minvCpus', 'desiredvCpus']) {
      if (update[key] !== undefined) throw invalid(`computeResources.${key} isn't applicable to ${next.type} compute environments`)
    }
    return next as ComputeResource
  }
  if (update.scalingPolicy !== undefined && update.scalingPolicy !== null) {
    checkScalingPolicy(update.scalingPolicy)
    next.scalingPolicy = structuredClone(update.scalingPolicy)
  }
  if (update.minvCpus !== undefined) next.minvCpus = checkInt(update.minvCpus, 'computeResources.minvCpus', 0, 2 ** 31 - 1)
  if (next.minvCpus > next.maxvCpus) throw invalid('computeResources.minvCpus must be less than or equal to maxvCpus')
  if (update.desiredvCpus !== undefined) {
    const desired = checkInt(update.desiredvCpus, 'computeResources.desiredvCpus', next.minvCpus, next.maxvCpus)
    if (desired < (current.desiredvCpus ?? 0)) {
      throw invalid(`computeResources.desiredvCpus can't be decreased (from ${current.desiredvCpus} to ${desired})`)
    }
    next.desiredvCpus = desired
  } else {
    // AWS keeps the desired count inside the new bounds.
    next.desiredvCpus = Math.min(Math.max(next.desiredvCpus ?? 0, next.minvCpus), next.maxvCpus)
  }
  return next as ComputeResource
}

export const updateComputeEnvironmentHandlers: Record<string, Handler<BatchState>> = {
  UpdateComputeEnvironment: updateComputeEnvironment,
}
