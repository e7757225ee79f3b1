import type {ComputeEnvironmentSpec} from '../../model/index.js'
import {pathUnder} from '../diff.js'
import {nothingSensitive, type Decision, type KindDescription, type RawDiff} from './kind-description.js'

/*
 * AWS Batch compute environment update rules.
 * - UpdateComputeEnvironment (API reference,
 *   https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html):
 *   state, unmanagedvCpus and computeResources min/max/desired vCPUs can always change; a
 *   service-linked serviceRole can't become a regular role nor the other way round.
 * - "Updating compute environments" / "Perform infrastructure updates" (user guide,
 *   https://docs.aws.amazon.com/batch/latest/userguide/updating-compute-environments.html,
 *   https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html):
 *   Fargate CEs can update subnets, securityGroupIds and the vCPU limits (scaling update).
 *   allocationStrategy, instanceTypes, bidPercentage, type (EC2 <-> SPOT), imageId,
 *   ec2Configuration, launchTemplate, ec2KeyPair, updateToLatestImageVersion, subnets,
 *   securityGroupIds, placementGroup, instanceRole and instance tags are infrastructure
 *   updates, which need the AWSServiceRoleForBatch service-linked role and an allocation
 *   strategy of BEST_FIT_PROGRESSIVE, SPOT_CAPACITY_OPTIMIZED or SPOT_PRICE_CAPACITY_OPTIMIZED;
 *   otherwise the guide prescribes a blue/green update, which is our replace.
 * Note: the guide lists `type` EC2 <-> SPOT as an infrastructure update, so we do too when the
 * CE qualifies; EC2/SPOT <-> FARGATE/FARGATE_SPOT and MANAGED <-> UNMANAGED always replace.
 */

const SCALING_FIELDS = ['state', 'unmanagedvCpus', 'computeResources.minvCpus', 'computeResources.maxvCpus', 'computeResources.desiredvCpus']

const FARGATE_UPDATABLE = ['computeResources.subnets', 'computeResources.securityGroupIds']

const INFRASTRUCTURE_FIELDS = [
  'computeResources.allocationStrategy',
  'computeResources.instanceTypes',
  'computeResources.bidPercentage',
  'computeResources.type',
  'computeResources.imageId',
  'computeResources.ec2Configuration',
  'computeResources.launchTemplate',
  'computeResources.ec2KeyPair',
  'computeResources.updateToLatestImageVersion',
  'computeResources.subnets',
  'computeResources.securityGroupIds',
  'computeResources.placementGroup',
  'computeResources.instanceRole',
  'computeResources.tags',
]

const INFRASTRUCTURE_STRATEGIES = new Set(['BEST_FIT_PROGRESSIVE', 'SPOT_CAPACITY_OPTIMIZED', 'SPOT_PRICE_CAPACITY_OPTIMIZED'])

function isFargate(spec: ComputeEnvironmentSpec): boolean {
  const type = spec.computeResources?.type
  return type === 'FARGATE' || type === 'FARGATE_SPOT'
}

/** True when AWS can do an infrastructure update on a CE going from `before` to `after`. */
export function supportsInfrastructureUpdate(before: ComputeEnvironmentSpec, after: ComputeEnvironmentSpec): boolean {
  const usesServiceLinkedRole = before.serviceRole === undefined && after.serviceRole === undefined
  const strategies = [before.computeResources?.allocationStrategy, after.computeResources?.allocationStrategy]
  return usesServiceLinkedRole && strategies.every((s) => s !== undefined && INFRASTRUCTURE_STRATEGIES.has(s))
}

function decide(diffs: readonly RawDiff[], before: ComputeEnvironmentSpec, after: ComputeEnvironmentSpec): Decision {
  const fargate = isFargate(before) || isFargate(after)
  const always: string[] = []
  const infrastructure: string[] = []
  for (const {path} of diffs) {
    const under = (fields: readonly string[]) => fields.some((f) => pathUnder(path, f))
    if (under(SCALING_FIELDS)) continue
    if (pathUnder(path, 'type') || pathUnder(path, 'serviceRole') || path === 'computeResources') always.push(path)
    else if (fargate) {
      if (!under(FARGATE_UPDATABLE)) always.push(path)
    } else if (path === 'computeResources.type') {
      // Only EC2 <-> SPOT reaches here (a Fargate side makes `fargate` true).
      infrastructure.push(path)
    } else if (under(INFRASTRUCTURE_FIELDS)) infrastructure.push(path)
    else always.push(path)
  }
  if (always.length > 0) return {action: 'replace', forcedBy: [...always, ...infrastructure]}
  if (infrastructure.length === 0) return {action: 'update', flavour: 'in-place'}
  if (supportsInfrastructureUpdate(before, after)) return {action: 'update', flavour: 'infrastructure-update'}
  return {action: 'replace', forcedBy: infrastructure}
}

export const computeEnvironment: KindDescription<'batch.computeEnvironment'> = {
  kind: 'batch.computeEnvironment',
  taggable: true,
  disableBeforeDelete: true,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: true,
  // CreateComputeEnvironment: computeEnvironmentName up to 128 letters, numbers, hyphens, underscores
  // (https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html).
  maxNameLength: 128,
  decide,
  isSensitive: nothingSensitive,
}
