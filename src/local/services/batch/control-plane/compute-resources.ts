import type {ComputeResource} from '@aws-sdk/client-batch'

import {checkEnum, checkInt, checkStringList, invalid, optionalEnum} from './validate.js'

/**
 * `computeResources` of CreateComputeEnvironment, checked and completed with the defaults AWS
 * shows on DescribeComputeEnvironments.
 * AWS: ComputeResource — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html
 */

export const RESOURCE_TYPES = ['EC2', 'SPOT', 'FARGATE', 'FARGATE_SPOT'] as const
export const ALLOCATION_STRATEGIES = [
  'BEST_FIT',
  'BEST_FIT_PROGRESSIVE',
  'BEST_FIT_PROGRESSIVE_ORDERED',
  'SPOT_CAPACITY_OPTIMIZED',
  'SPOT_PRICE_CAPACITY_OPTIMIZED',
  'SPOT_CAPACITY_OPTIMIZED_PRIORITIZED',
] as const
const SPOT_ONLY = new Set(['SPOT_CAPACITY_OPTIMIZED', 'SPOT_PRICE_CAPACITY_OPTIMIZED', 'SPOT_CAPACITY_OPTIMIZED_PRIORITIZED'])
const EC2_IMAGE_TYPES = ['ECS_AL2', 'ECS_AL2_NVIDIA', 'ECS_AL2023', 'ECS_AL2023_NVIDIA'] as const

/** Fields the API reference marks "isn't applicable to jobs that are running on Fargate resources. Don't specify it." */
export const EC2_ONLY_FIELDS = [
  'allocationStrategy',
  'minvCpus',
  'desiredvCpus',
  'instanceTypes',
  'imageId',
  'ec2KeyPair',
  'instanceRole',
  'tags',
  'placementGroup',
  'bidPercentage',
  'spotIamFleetRole',
  'launchTemplate',
  'ec2Configuration',
  'scalingPolicy',
] as const

export const isFargate = (type: string | undefined): boolean => type === 'FARGATE' || type === 'FARGATE_SPOT'

/** Checks the shape of `computeResources` for a MANAGED compute environment and fills AWS's defaults. */
export function checkComputeResources(input: unknown): ComputeResource {
  if (!input || typeof input !== 'object') throw invalid('computeResources is required for a MANAGED compute environment')
  const cr = {...(input as Record<string, unknown>)} as Record<string, any>
  const type = checkEnum(cr.type, 'computeResources.type', RESOURCE_TYPES)
  const maxvCpus = checkInt(cr.maxvCpus, 'computeResources.maxvCpus', 0, 2 ** 31 - 1)
  if (isFargate(type)) {
    for (const field of EC2_ONLY_FIELDS) {
      if (cr[field] !== undefined && cr[field] !== null) {
        throw invalid(`${field} is not applicable for Fargate.`)
      }
    }
    const subnets = checkStringList(cr.subnets ?? [], 'computeResources.subnets')
    if (subnets.length < 1 || subnets.length > 16) throw invalid(`${type} compute resources require between 1 and 16 subnets`)
    const groups = checkStringList(cr.securityGroupIds ?? [], 'computeResources.securityGroupIds')
    if (groups.length < 1 || groups.length > 5) {
      throw invalid(`${type} compute resources require between 1 and 5 security groups (securityGroupIds)`)
    }
    return {type, maxvCpus, subnets, securityGroupIds: groups}
  }
  // AWS requires instanceRole and minvCpus for EC2/SPOT (moto mirrors these messages).
  if (cr.instanceRole === undefined || cr.instanceRole === null || cr.instanceRole === '') throw invalid('Instance role is required.')
  if (cr.minvCpus === undefined || cr.minvCpus === null) throw invalid('Resource minvCpus is required.')
  const minvCpus = checkInt(cr.minvCpus, 'computeResources.minvCpus', 0, maxvCpus)
  const desiredvCpus =
    cr.desiredvCpus === undefined ? minvCpus : checkInt(cr.desiredvCpus, 'computeResources.desiredvCpus', minvCpus, maxvCpus)
  // BEST_FIT applies when none is given, but AWS does not echo it on Describe.
  const given = optionalEnum(cr.allocationStrategy, 'computeResources.allocationStrategy', ALLOCATION_STRATEGIES)
  const allocationStrategy = given ?? 'BEST_FIT'
  if (type === 'EC2' && SPOT_ONLY.has(allocationStrategy)) {
    throw invalid(`allocationStrategy ${allocationStrategy} is only available for SPOT compute resources`)
  }
  if (type === 'SPOT' && allocationStrategy === 'BEST_FIT_PROGRESSIVE_ORDERED') {
    throw invalid('allocationStrategy BEST_FIT_PROGRESSIVE_ORDERED is only available for EC2 compute resources')
  }
  const subnets = checkStringList(cr.subnets ?? [], 'computeResources.subnets')
  if (subnets.length === 0) throw invalid('computeResources.subnets is required for EC2 and SPOT compute resources')
  const launchTemplate = cr.launchTemplate as Record<string, unknown> | undefined
  if (launchTemplate && launchTemplate.launchTemplateId && launchTemplate.launchTemplateName) {
    throw invalid('Specify either launchTemplateId or launchTemplateName in launchTemplate, not both')
  }
  const instanceTypes = checkStringList(cr.instanceTypes ?? [], 'computeResources.instanceTypes')
  if (instanceTypes.length === 0) throw invalid('computeResources.instanceTypes is required for EC2 and SPOT compute resources')
  if (cr.securityGroupIds === undefined && !launchTemplate) {
    throw invalid('computeResources.securityGroupIds is required unless a launch template provides security groups')
  }
  if (cr.bidPercentage !== undefined) {
    if (type !== 'SPOT') throw invalid('computeResources.bidPercentage only applies to SPOT compute resources')
    checkInt(cr.bidPercentage, 'computeResources.bidPercentage', 0, 100)
  }
  if (type === 'SPOT' && allocationStrategy === 'BEST_FIT' && !cr.spotIamFleetRole) {
    throw invalid('computeResources.spotIamFleetRole is required for SPOT compute resources with the BEST_FIT allocation strategy')
  }
  const ec2Configuration = checkEc2Configuration(cr.ec2Configuration) ?? defaultEc2Configuration(instanceTypes)
  checkScalingPolicy(cr.scalingPolicy)
  return {
    ...(cr as ComputeResource),
    type,
    ...(given ? {allocationStrategy: given} : {}),
    minvCpus,
    maxvCpus,
    desiredvCpus,
    instanceTypes,
    subnets,
    // Describe shows the EC2 instance tags as {} when none were given.
    tags: (cr.tags as Record<string, string> | undefined) ?? {},
    ...(launchTemplate ? {launchTemplate: {...launchTemplate, overrides: launchTemplate.overrides ?? []}} : {}),
    ec2Configuration,
  } as ComputeResource
}

/**
 * The AMI type AWS picks when ec2Configuration is not given: Amazon Linux 2023, the NVIDIA
 * variant when the instance types are GPU families (p*, g* such as g4dn, g5, g6).
 * AWS: Ec2Configuration — https://docs.aws.amazon.com/batch/latest/APIReference/API_Ec2Configuration.html
 */
export function defaultEc2Configuration(instanceTypes: string[]): NonNullable<ComputeResource['ec2Configuration']> {
  const gpu = instanceTypes.length > 0 && instanceTypes.every((type) => /^(p\d|g\d)[a-z]*(\.|$)/.test(type))
  return [{imageType: gpu ? 'ECS_AL2023_NVIDIA' : 'ECS_AL2023'}]
}

export function checkEc2Configuration(value: unknown): ComputeResource['ec2Configuration'] {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    throw invalid('computeResources.ec2Configuration must contain one or two entries')
  }
  return value.map((entry: Record<string, unknown>) => ({
    ...entry,
    imageType: checkEnum(entry?.imageType, 'ec2Configuration.imageType', EC2_IMAGE_TYPES),
  }))
}

/** x86 and Arm instance families (enough to tell the two apart for the common families). */
export function architecture(instanceType: string): 'arm64' | 'x86_64' | undefined {
  if (instanceType === 'optimal' || instanceType === 'default_x86_64') return 'x86_64'
  if (instanceType === 'default_arm64') return 'arm64'
  const family = instanceType.split('.')[0] ?? ''
  if (/^(a1|[a-z]+\d+g[a-z]*)$/.test(family)) return 'arm64'
  if (/^[a-z]+\d+[a-z]*$/.test(family)) return 'x86_64'
  return undefined
}

/**
 * Configurations AWS accepts but cannot build, so the compute environment goes INVALID after
 * CREATING instead of failing the call. The emulator models the two most common ones:
 * - `instanceRole` given as an IAM *role* ARN instead of an instance profile (EC2 refuses the
 *   launch template: "Invalid IAM Instance Profile ARN");
 * - instance types of different architectures (x86 and Arm) in one environment.
 * Returns the statusReason, or undefined when the environment can become VALID.
 */
export function invalidReason(cr: ComputeResource | undefined): string | undefined {
  if (!cr || isFargate(cr.type)) return undefined
  if (cr.instanceRole && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(cr.instanceRole)) {
    return `CLIENT_ERROR - Value (${cr.instanceRole}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`
  }
  const archs = new Set((cr.instanceTypes ?? []).map(architecture).filter(Boolean))
  if (archs.size > 1) {
    return 'CLIENT_ERROR - The instance types in a compute environment must all share the same architecture (x86_64 or arm64)'
  }
  return undefined
}

/**
 * `scalingPolicy.minScaleDownDelayMinutes`: "Minimum value of 20. Maximum value of 10080. Use 0
 * to unset and disable the scale down delay."
 * AWS: ComputeScalingPolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeScalingPolicy.html
 */
export function checkScalingPolicy(value: unknown): void {
  if (value === undefined || value === null) return
  const minutes = (value as {minScaleDownDelayMinutes?: unknown}).minScaleDownDelayMinutes
  if (minutes === undefined || minutes === null || minutes === 0) return
  checkInt(minutes, 'computeResources.scalingPolicy.minScaleDownDelayMinutes', 20, 10_080)
}

/** The CPU architecture of an EC2 / Spot environment's instance types, when they agree on one. */
export function computeEnvironmentArchitecture(cr: ComputeResource | undefined): 'arm64' | 'x86_64' | undefined {
  if (!cr || isFargate(cr.type)) return undefined
  const archs = new Set((cr.instanceTypes ?? []).map(architecture).filter(Boolean))
  return archs.size === 1 ? [...archs][0] : undefined
}
