import type {JobDefinition, NodeProperties} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import {batchArn, type BatchState} from '../state.js'
import {checkContainer, type Platform} from './container-properties.js'
import {nameFromArn} from './lookup.js'
import {paginate} from './pagination.js'
import {checkRetryStrategy} from './retry-strategy.js'
import {checkTags} from './tags.js'
import {checkEnum, checkInt, checkName, checkStringList, copy, invalid, requireString} from './validate.js'

/**
 * RegisterJobDefinition, DeregisterJobDefinition, DescribeJobDefinitions.
 * AWS: RegisterJobDefinition — https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html
 * AWS: DescribeJobDefinitions — https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobDefinitions.html
 */

/** Node ranges `a:b`, `:b`, `a:` or `n` must cover every node 0…numNodes-1. */
function checkNodes(value: unknown, platform: Platform): NodeProperties {
  if (platform === 'FARGATE') throw invalid('multinode job definitions aren\'t supported on Fargate resources')
  if (!value || typeof value !== 'object') throw invalid('nodeProperties is required for a multinode job definition')
  const nodes = structuredClone(value) as Record<string, any>
  const numNodes = checkInt(nodes.numNodes, 'nodeProperties.numNodes', 1, 1000)
  checkInt(nodes.mainNode, 'nodeProperties.mainNode', 0, numNodes - 1)
  if (!Array.isArray(nodes.nodeRangeProperties) || nodes.nodeRangeProperties.length === 0) {
    throw invalid('nodeProperties.nodeRangeProperties must contain at least one node range')
  }
  const covered = new Set<number>()
  nodes.nodeRangeProperties = nodes.nodeRangeProperties.map((range: Record<string, any>, i: number) => {
    const where = `nodeProperties.nodeRangeProperties[${i}]`
    const target = requireString(range?.targetNodes, `${where}.targetNodes`)
    const match = /^(\d*)(?::(\d*))?$/.exec(target)
    if (!match) throw invalid(`${where}.targetNodes '${target}' is not a node range (start:end)`)
    const start = match[1] === '' ? 0 : Number(match[1])
    const end = match[2] === undefined ? start : match[2] === '' ? numNodes - 1 : Number(match[2])
    if (start > end || end >= numNodes) throw invalid(`${where}.targetNodes '${target}' is outside 0:${numNodes - 1}`)
    for (let node = start; node <= end; node++) covered.add(node)
    if (range.ecsProperties || range.eksProperties) throw clientException('The emulator supports only container node ranges')
    // NodeRangeProperty.instanceTypes: "this list object is currently limited to one element".
    if (range.instanceTypes !== undefined && checkStringList(range.instanceTypes, `${where}.instanceTypes`).length > 1) {
      throw invalid(`${where}.instanceTypes is limited to one instance type`)
    }
    return {...range, container: checkContainer(range.container, platform, `${where}.container`)}
  })
  if (covered.size !== numNodes) throw invalid(`nodeProperties.nodeRangeProperties must account for all nodes (0:${numNodes - 1})`)
  return nodes as NodeProperties
}

const registerJobDefinition: Handler<BatchState> = (input, {state}) => {
  const name = checkName(input.jobDefinitionName, 'jobDefinitionName')
  const type = checkEnum(input.type, 'type', ['container', 'multinode'] as const)
  if (input.eksProperties) throw clientException('The emulator does not support EKS job definitions')
  const capabilities = input.platformCapabilities === undefined ? ['EC2'] : checkStringList(input.platformCapabilities, 'platformCapabilities')
  if (capabilities.length !== 1) throw invalid('platformCapabilities must contain exactly one of EC2, FARGATE')
  const platform = checkEnum(capabilities[0], 'platformCapabilities', ['EC2', 'FARGATE'] as const)
  const kinds = ['containerProperties', 'nodeProperties', 'ecsProperties'].filter((key) => input[key] !== undefined && input[key] !== null)
  if (kinds.length > 1) throw invalid(`Specify only one of containerProperties, nodeProperties, ecsProperties (got ${kinds.join(', ')})`)
  const definition: JobDefinition = {
    jobDefinitionName: name,
    jobDefinitionArn: '',
    revision: 0,
    status: 'ACTIVE',
    type,
    parameters: input.parameters ?? {},
  }
  if (type === 'container') {
    if (input.nodeProperties) throw invalid('nodeProperties can only be specified for a multinode job definition')
    if (input.containerProperties) definition.containerProperties = checkContainer(input.containerProperties, platform, 'containerProperties')
    else if (input.ecsProperties) definition.ecsProperties = structuredClone(input.ecsProperties)
    else throw invalid('containerProperties or ecsProperties is required for a container job definition')
  } else {
    if (input.containerProperties || input.ecsProperties) {
      throw invalid('A multinode job definition takes nodeProperties, not containerProperties or ecsProperties')
    }
    definition.nodeProperties = checkNodes(input.nodeProperties, platform)
  }
  const retryStrategy = checkRetryStrategy(input.retryStrategy)
  if (retryStrategy) definition.retryStrategy = retryStrategy
  if (input.timeout !== undefined && input.timeout !== null) {
    definition.timeout = {
      attemptDurationSeconds: checkInt(input.timeout.attemptDurationSeconds, 'timeout.attemptDurationSeconds', 60, 2 ** 31 - 1),
    }
  }
  if (input.schedulingPriority !== undefined) definition.schedulingPriority = checkInt(input.schedulingPriority, 'schedulingPriority', 0, 9999)
  definition.tags = checkTags(input.tags)
  // propagateTags and platformCapabilities show on Describe only when they were given.
  if (input.propagateTags !== undefined && input.propagateTags !== null) definition.propagateTags = Boolean(input.propagateTags)
  if (input.platformCapabilities !== undefined) definition.platformCapabilities = [platform]
  definition.containerOrchestrationType = 'ECS'
  // Revisions keep counting after deregistration: AWS never reuses a revision number.
  const revisions = state.jobDefinitions.get(name) ?? []
  const revision = (revisions.at(-1)?.revision ?? 0) + 1
  definition.revision = revision
  definition.jobDefinitionArn = batchArn(state, 'job-definition', `${name}:${revision}`)
  state.jobDefinitions.set(name, [...revisions, definition])
  return {jobDefinitionName: name, jobDefinitionArn: definition.jobDefinitionArn, revision}
}

/** A job definition revision by ARN or `name:revision`. */
export function findRevision(state: BatchState, ref: string): JobDefinition | undefined {
  const short = ref.startsWith('arn:') ? nameFromArn(state, 'job-definition', ref) : ref
  const match = /^([^:]+):(\d+)$/.exec(short ?? '')
  if (!match) return undefined
  return state.jobDefinitions.get(match[1]!)?.find((def) => def.revision === Number(match[2]))
}

/**
 * The revision SubmitJob means by `jobDefinition`: `name:revision` or an ARN name that exact
 * revision (whatever its status); a bare name means its latest ACTIVE revision.
 * AWS: SubmitJob — https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
 */
export function resolveJobDefinition(state: BatchState, ref: string): JobDefinition | undefined {
  if (ref.startsWith('arn:') || ref.includes(':')) return findRevision(state, ref)
  return state.jobDefinitions
    .get(ref)
    ?.filter((def) => def.status === 'ACTIVE')
    .at(-1)
}

const deregisterJobDefinition: Handler<BatchState> = (input, {state}) => {
  const ref = requireString(input.jobDefinition, 'jobDefinition')
  const definition = findRevision(state, ref)
  if (!definition) throw clientException(`Job definition ${ref} does not exist (give name:revision or the full ARN)`)
  // Deregistering an INACTIVE revision again succeeds and changes nothing.
  definition.status = 'INACTIVE'
  return {}
}

const describeJobDefinitions: Handler<BatchState> = (input, {state}) => {
  let items: JobDefinition[]
  if (input.jobDefinitions !== undefined && input.jobDefinitions !== null && input.jobDefinitions.length > 0) {
    if (input.jobDefinitionName !== undefined || input.status !== undefined) {
      throw invalid('jobDefinitions can\'t be used with jobDefinitionName or status')
    }
    const refs = checkStringList(input.jobDefinitions, 'jobDefinitions')
    if (refs.length > 100) throw invalid('jobDefinitions can contain at most 100 entries')
    if (input.maxResults !== undefined && input.maxResults !== null) throw invalid('JobDefinitions and MaxResults cannot both be set')
    items = refs.map((ref) => findRevision(state, ref)).filter((def): def is JobDefinition => def !== undefined)
  } else {
    // Newest first, as AWS lists them: later names before earlier ones, revisions descending.
    items = [...state.jobDefinitions.values()].reverse().flatMap((revisions) => [...revisions].reverse())
    if (input.jobDefinitionName !== undefined) items = items.filter((def) => def.jobDefinitionName === input.jobDefinitionName)
    if (input.status !== undefined) {
      const status = checkEnum(input.status, 'status', ['ACTIVE', 'INACTIVE'] as const)
      items = items.filter((def) => def.status === status)
    }
  }
  const page = paginate(items, input, 'DescribeJobDefinitions')
  return {jobDefinitions: page.items.map(copy), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
}

export const jobDefinitionHandlers: Record<string, Handler<BatchState>> = {
  RegisterJobDefinition: registerJobDefinition,
  DeregisterJobDefinition: deregisterJobDefinition,
  DescribeJobDefinitions: describeJobDefinitions,
}
