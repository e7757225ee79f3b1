import type {ContainerProperties, ResourceRequirement} from '@aws-sdk/client-batch'

import {FARGATE_MEMORY_BY_VCPU, fargateVcpuKey, isFargateSize} from './fargate-sizes.js'
import {checkEnum, invalid, requireString} from './validate.js'

/**
 * `containerProperties` (and each node range's `container`) of RegisterJobDefinition: checks
 * and the defaults AWS shows on DescribeJobDefinitions (empty `volumes`, `environment`,
 * `mountPoints`, `ulimits`, `resourceRequirements`, `secrets`, `logConfiguration.secretOptions`;
 * on Fargate `fargatePlatformConfiguration.platformVersion` LATEST). Checked against real
 * DescribeJobDefinitions output.
 * AWS: ContainerProperties — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html
 */

export type Platform = 'EC2' | 'FARGATE'

const RESOURCE_TYPES = ['GPU', 'MEMORY', 'VCPU'] as const

/** `where` names the place in the request for messages ("containerProperties", "nodeRangeProperties[0].container"). */
export function checkContainer(input: unknown, platform: Platform, where: string, requireSizes = true): ContainerProperties {
  if (!input || typeof input !== 'object') throw invalid(`${where} is required`)
  const container = structuredClone(input) as Record<string, any>
  requireString(container.image, `${where}.image`)
  checkEnvironmentNames(container.environment, `${where}.environment`)
  const requirements: ResourceRequirement[] = (container.resourceRequirements ?? []).map((req: Record<string, unknown>, i: number) => ({
    type: checkEnum(req?.type, `${where}.resourceRequirements[${i}].type`, RESOURCE_TYPES),
    value: requireString(req?.value, `${where}.resourceRequirements[${i}].value`),
  }))
  const find = (type: string) => requirements.find((req) => req.type === type)?.value
  const vcpu = find('VCPU')
  const memory = find('MEMORY')
  if (platform === 'FARGATE' && (container.vcpus !== undefined || container.memory !== undefined)) {
    throw invalid(`${where}: Fargate jobs must specify vCPU and memory in resourceRequirements, not vcpus or memory`)
  }
  // The legacy top-level vcpus/memory and resourceRequirements describe the same thing: one or the other.
  if (container.vcpus !== undefined && vcpu !== undefined) {
    throw invalid(`${where}: specify vCPUs either in vcpus or in a VCPU resourceRequirement, not both`)
  }
  if (container.memory !== undefined && memory !== undefined) {
    throw invalid(`${where}: specify memory either in memory or in a MEMORY resourceRequirement, not both`)
  }
  if (platform === 'FARGATE') checkFargate(container, where, vcpu, memory, find('GPU'))
  else {
    // "Jobs that are running on Amazon EC2 resources must not specify this parameter."
    for (const field of ['networkConfiguration', 'fargatePlatformConfiguration']) {
      if (container[field] !== undefined) throw invalid(`${field} not applicable for EC2.`)
    }
    if (requireSizes) checkEc2(container, where, vcpu, memory)
  }
  const defaults: Record<string, unknown> = {
    volumes: [],
    environment: [],
    mountPoints: [],
    ulimits: [],
    resourceRequirements: [],
    secrets: [],
  }
  const result: Record<string, unknown> = {...defaults, ...container, resourceRequirements: requirements}
  // Fargate: the platform version defaults to LATEST and is shown; assignPublicIp defaults to
  // DISABLED but AWS does not add a networkConfiguration that was not given.
  if (platform === 'FARGATE') {
    result.fargatePlatformConfiguration = {platformVersion: 'LATEST', ...(container.fargatePlatformConfiguration ?? {})}
  }
  if (container.logConfiguration) {
    result.logConfiguration = {...container.logConfiguration, secretOptions: container.logConfiguration.secretOptions ?? []}
  }
  return result as ContainerProperties
}

function checkFargate(container: Record<string, any>, where: string, vcpu?: string, memory?: string, gpu?: string): void {
  if (gpu !== undefined) throw invalid(`${where}: GPU resources aren't available for jobs that run on Fargate resources`)
  requireString(container.executionRoleArn, `${where}.executionRoleArn (required for Fargate jobs)`)
  if (vcpu === undefined || memory === undefined) {
    throw invalid(`${where}: Fargate jobs require VCPU and MEMORY resourceRequirements`)
  }
  if (!FARGATE_MEMORY_BY_VCPU.has(fargateVcpuKey(vcpu))) {
    throw invalid(fargateSizeMessage(vcpu, memory))
  }
  if (!isFargateSize(vcpu, memory)) throw invalid(fargateSizeMessage(vcpu, memory))
  if (container.privileged === true) throw invalid(`${where}.privileged isn't applicable to jobs that run on Fargate resources`)
  for (const field of ['instanceType', 'linuxParameters.devices'] as const) {
    const [head, tail] = field.split('.') as [string, string | undefined]
    const value = tail ? container[head]?.[tail] : container[head]
    if (value !== undefined) throw invalid(`${where}.${field} isn't supported for jobs that run on Fargate resources`)
  }
}

/** AWS's wording: "Fargate resource requirements (2.00 vCPU, 1024 MiB) not valid." */
function fargateSizeMessage(vcpu: string, memory: string): string {
  const cpus = Number(vcpu)
  return `Fargate resource requirements (${Number.isFinite(cpus) ? cpus.toFixed(2) : vcpu} vCPU, ${memory} MiB) not valid.`
}

function checkEc2(container: Record<string, any>, where: string, vcpu?: string, memory?: string): void {
  // On EC2 a VCPU requirement is a whole number; AWS refuses "1.0" there (Fargate takes it).
  if (vcpu !== undefined && !/^\d+$/.test(vcpu)) {
    throw invalid(`Value ${vcpu} for type VCPU in resourceRequirement is not valid. Please provide a numeric value.`)
  }
  const cpus = vcpu !== undefined ? Number(vcpu) : container.vcpus
  if (cpus === undefined) throw invalid(`${where}: vCPUs must be specified (a VCPU resourceRequirement)`)
  if (typeof cpus !== 'number' || !Number.isFinite(cpus) || cpus < 1 || !Number.isInteger(cpus)) {
    throw invalid(`${where}: jobs on EC2 resources must reserve a whole number of at least 1 vCPU`)
  }
  const mib = memory !== undefined ? Number(memory) : container.memory
  if (mib === undefined) throw invalid(`${where}: memory must be specified (a MEMORY resourceRequirement)`)
  if (typeof mib !== 'number' || !Number.isInteger(mib) || mib < 4) throw invalid(`${where}: you must specify at least 4 MiB of memory for a job`)
}

/**
 * "Environment variables cannot start with "AWS_BATCH". This naming convention is reserved for
 * variables that Batch sets." (API reference, ContainerProperties.environment and
 * ContainerOverrides.environment; User Guide, "Environment variables": "You can't use this
 * prefix for your own variables in job definitions or overrides.")
 */
export function checkEnvironmentNames(environment: unknown, where: string): void {
  if (!Array.isArray(environment)) return
  for (const pair of environment as Array<{name?: unknown}>) {
    if (typeof pair?.name === 'string' && pair.name.startsWith('AWS_BATCH')) {
      throw invalid(`${where}: environment variable ${pair.name} can't start with AWS_BATCH, which is reserved for variables that Batch sets`)
    }
  }
}

/**
 * The resource requirements a job ends up with after SubmitJob's `containerOverrides` (the same
 * ResourceRequirement rules as the job definition's): on EC2 a whole number of at least 1 vCPU
 * and at least 4 MiB; on Fargate one of the vCPU / memory pairs Fargate runs.
 * AWS: ResourceRequirement — https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html
 */
export function checkOverriddenSizes(requirements: ResourceRequirement[] | undefined, platform: Platform): void {
  const find = (type: string) => requirements?.find((req) => req.type === type)?.value
  const vcpu = find('VCPU')
  const memory = find('MEMORY')
  if (platform === 'FARGATE') {
    if (vcpu !== undefined && memory !== undefined && !isFargateSize(vcpu, memory)) throw invalid(fargateSizeMessage(vcpu, memory))
    return
  }
  if (vcpu !== undefined && (!/^\d+$/.test(vcpu) || Number(vcpu) < 1)) {
    throw invalid(`Value ${vcpu} for type VCPU in resourceRequirement is not valid. Please provide a numeric value.`)
  }
  if (memory !== undefined && (!/^\d+$/.test(memory) || Number(memory) < 4)) {
    throw invalid('containerOverrides: you must specify at least 4 MiB of memory for a job')
  }
}
