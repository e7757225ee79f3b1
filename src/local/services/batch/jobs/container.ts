import type {
  ContainerDetail,
  ContainerOverrides,
  ContainerProperties,
  KeyValuePair,
  ResourceRequirement,
} from '@aws-sdk/client-batch'

/** `Ref::name` placeholders in a command, replaced by the job's parameters (AWS leaves unknown ones as they are). */
export function substituteParameters(command: string[], parameters: Record<string, string>): string[] {
  return command.map((part) =>
    part.replace(/Ref::([A-Za-z0-9_-]+)/g, (whole, name: string) => (name in parameters ? parameters[name]! : whole)),
  )
}

/** Environment variables merged by name, later lists winning (override over definition). */
export function mergeEnvironment(...lists: (KeyValuePair[] | undefined)[]): KeyValuePair[] {
  const merged = new Map<string, string>()
  for (const list of lists) for (const pair of list ?? []) if (pair.name) merged.set(pair.name, pair.value ?? '')
  return [...merged].map(([name, value]) => ({name, value}))
}

function mergeRequirements(base: ResourceRequirement[] | undefined, override: ResourceRequirement[] | undefined): ResourceRequirement[] | undefined {
  if (!override?.length) return base
  const merged = new Map<string, ResourceRequirement>()
  for (const requirement of [...(base ?? []), ...override]) if (requirement.type) merged.set(requirement.type, requirement)
  return [...merged.values()]
}

/**
 * The job's `container`: the definition's container properties with SubmitJob's overrides
 * applied and `Ref::` parameters substituted, as DescribeJobs shows it.
 */
export function buildContainer(
  properties: ContainerProperties | undefined,
  overrides: ContainerOverrides | undefined,
  parameters: Record<string, string>,
): ContainerDetail {
  const container: ContainerDetail = structuredClone((properties ?? {}) as ContainerDetail)
  if (overrides?.command) container.command = overrides.command
  if (overrides?.environment?.length || container.environment) {
    container.environment = mergeEnvironment(container.environment, overrides?.environment)
  }
  const requirements = mergeRequirements(container.resourceRequirements, overrides?.resourceRequirements)
  if (requirements) container.resourceRequirements = requirements
  if (overrides?.vcpus !== undefined) container.vcpus = overrides.vcpus
  if (overrides?.memory !== undefined) container.memory = overrides.memory
  if (overrides?.instanceType) container.instanceType = overrides.instanceType
  if (container.command) container.command = substituteParameters(container.command, parameters)
  return container
}

/** vCPUs a container reserves: its VCPU resource requirement, else the legacy `vcpus`, else 1. */
export function containerVcpus(container: ContainerDetail | ContainerProperties | undefined): number {
  const requirement = container?.resourceRequirements?.find((r) => r.type === 'VCPU')?.value
  const value = requirement !== undefined ? Number(requirement) : container?.vcpus
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 1
}

/**
 * Node indexes a `targetNodes` range covers: `0:`, `1:3`, `:2` or `2` (inclusive, open ends
 * meaning the first / last node).
 */
export function targetNodeIndexes(targetNodes: string, numNodes: number): number[] {
  const [startText, endText] = targetNodes.includes(':') ? targetNodes.split(':') : [targetNodes, targetNodes]
  const start = startText ? Number(startText) : 0
  const end = endText ? Number(endText) : numNodes - 1
  const indexes: number[] = []
  for (let i = Math.max(0, start); i <= Math.min(end, numNodes - 1); i++) indexes.push(i)
  return indexes
}
