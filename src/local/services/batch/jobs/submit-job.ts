import type {
  ContainerDetail,
  JobDefinition,
  JobDependency,
  JobDetail,
  NodeProperties,
  SubmitJobRequest,
  SubmitJobResponse,
} from '@aws-sdk/client-batch'
import {randomUUID} from 'node:crypto'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import {checkOverriddenSizes} from '../control-plane/container-properties.js'
import {checkRetryStrategy} from '../control-plane/retry-strategy.js'
import {checkTags} from '../control-plane/tags.js'
import {batchArn, type BatchState} from '../state.js'
import {buildContainer, containerVcpus, targetNodeIndexes} from './container.js'
import {scheduleRelease} from './lifecycle.js'
import {usableJobDefinition, usableQueue} from './resolve.js'
import {type JobRuntime, jobsRuntime} from './runtime.js'
import {emptyStatusSummary, isTerminal} from './status.js'
import {checkDeprecatedOverrides, checkNumNodesOverride, framed, validateDependencies, validateFairShare, validateInput} from './submit-checks.js'

/** The multi-node properties after `nodeOverrides`, with each range's container overridden. */
function nodeProperties(definition: JobDefinition, input: SubmitJobRequest, parameters: Record<string, string>): NodeProperties {
  const properties = structuredClone(definition.nodeProperties!)
  if (input.nodeOverrides?.numNodes !== undefined) checkNumNodesOverride(properties, input.nodeOverrides.numNodes)
  const numNodes = input.nodeOverrides?.numNodes ?? properties.numNodes ?? 1
  properties.numNodes = numNodes
  const unmatched = (input.nodeOverrides?.nodePropertyOverrides ?? [])
    .map((override) => override.targetNodes ?? '')
    .filter((target) => !properties.nodeRangeProperties?.some((range) => range.targetNodes === target))
  // AWS's words: "NodeOverride targets should match job definition. Non matching targets - 0:0".
  if (unmatched.length) throw clientException(`NodeOverride targets should match job definition. Non matching targets - ${unmatched.join(', ')}`)
  for (const override of input.nodeOverrides?.nodePropertyOverrides ?? []) {
    const range = properties.nodeRangeProperties!.find((r) => r.targetNodes === override.targetNodes)!
    range.container = buildContainer(range.container, override.containerOverrides, parameters)
  }
  for (const range of properties.nodeRangeProperties ?? []) {
    if (range.container?.command) range.container = buildContainer(range.container, undefined, parameters)
  }
  return properties
}

/**
 * The container of node `index`: from the narrowest range that covers it, whatever the order of
 * the ranges ("You can nest node ranges (for example, 0:10 and 4:5). In this case, the 4:5 range
 * properties override the 0:10 properties", API reference, "NodeRangeProperty").
 */
function nodeContainer(properties: NodeProperties, index: number): ContainerDetail | undefined {
  const numNodes = properties.numNodes ?? 1
  let found: {container: ContainerDetail | undefined; span: number} | undefined
  for (const range of properties.nodeRangeProperties ?? []) {
    const covered = targetNodeIndexes(range.targetNodes ?? '', numNodes)
    if (covered.includes(index) && (!found || covered.length <= found.span)) {
      found = {container: range.container as ContainerDetail, span: covered.length}
    }
  }
  return found?.container ? structuredClone(found.container) : undefined
}

function newRuntime(id: string, queueName: string, jobDefinitionName: string, vcpus: number, parentId?: string): JobRuntime {
  return {id, queueName, jobDefinitionName, vcpus, blockers: 0, dependents: [], released: false, queued: false, ...(parentId ? {parentId} : {})}
}

/** Records that `id` waits for `dependencyId` (or fails right away when that already failed). */
function addEdge(state: BatchState, dependencyId: string, id: string): void {
  const runtime = jobsRuntime(state)
  const dependency = state.jobs.get(dependencyId)
  const rt = runtime.jobs.get(id)!
  if (!dependency) return
  if (dependency.status === 'SUCCEEDED') return
  if (isTerminal(dependency.status)) {
    rt.dependencyFailed = true
    return
  }
  runtime.jobs.get(dependencyId)?.dependents.push(id)
  rt.blockers++
}

function wireDependencies(state: BatchState, id: string, dependsOn: JobDependency[], children: string[] | undefined): void {
  for (const dependency of dependsOn) {
    if (!children) {
      addEdge(state, dependency.jobId!, id)
      continue
    }
    children.forEach((childId, index) => {
      if (!dependency.jobId) {
        if (index > 0) addEdge(state, children[index - 1]!, childId)
      } else if (dependency.type === 'N_TO_N' && state.jobs.has(`${dependency.jobId}:${index}`)) {
        addEdge(state, `${dependency.jobId}:${index}`, childId)
      } else {
        addEdge(state, dependency.jobId, childId)
      }
    })
  }
}

/** SubmitJob: validates like AWS, stores the job (and its array children / node jobs) and starts its lifecycle. */
export function submitJob(input: SubmitJobRequest, {state, requestId}: RequestContext<BatchState>): SubmitJobResponse {
  validateInput(input, requestId)
  const queue = usableQueue(state, input.jobQueue!)
  const definition = usableJobDefinition(state, input.jobDefinition!)
  validateFairShare(state, input, queue)
  const isArray = input.arrayProperties !== undefined
  const isMultiNode = definition.type === 'multinode' || definition.nodeProperties !== undefined
  if (isMultiNode && isArray) throw clientException('Array jobs are not supported for multi-node parallel job definitions.')
  if (isMultiNode && input.containerOverrides) throw clientException('Use nodeOverrides, not containerOverrides, for a multi-node parallel job.')
  if (!isMultiNode && input.nodeOverrides) throw clientException('nodeOverrides is only valid for a multi-node parallel job.')
  validateDependencies(state, input, isArray)

  const runtime = jobsRuntime(state)
  const now = state.emulator.clock.now()
  const id = randomUUID()
  const parameters = {...definition.parameters, ...input.parameters}
  const base: JobDetail = {
    jobArn: batchArn(state, 'job', id),
    jobName: input.jobName,
    jobId: id,
    jobQueue: queue.jobQueueArn,
    status: 'SUBMITTED',
    ...(input.shareIdentifier ? {shareIdentifier: input.shareIdentifier} : {}),
    ...(queue.schedulingPolicyArn
      ? {schedulingPriority: input.schedulingPriorityOverride ?? definition.schedulingPriority ?? 0}
      : {}),
    attempts: [],
    createdAt: now,
    ...(input.retryStrategy ?? definition.retryStrategy
      ? {retryStrategy: checkRetryStrategy(input.retryStrategy) ?? definition.retryStrategy}
      : {}),
    startedAt: undefined,
    dependsOn: input.dependsOn ?? [],
    jobDefinition: definition.jobDefinitionArn,
    parameters,
    ...(input.timeout ?? definition.timeout ? {timeout: input.timeout ?? definition.timeout} : {}),
    // Same tag rules as every Batch resource (50 tags, key and value lengths, no `aws:` prefix).
    tags: checkTags(input.tags),
    propagateTags: input.propagateTags ?? definition.propagateTags ?? false,
    platformCapabilities: definition.platformCapabilities ?? ['EC2'],
  }
  delete base.startedAt
  const definitionName = definition.jobDefinitionName!
  let vcpus: number
  let nodes: string[] | undefined
  if (isMultiNode) {
    const properties = nodeProperties(definition, input, parameters)
    base.nodeProperties = properties
    const numNodes = properties.numNodes ?? 1
    nodes = Array.from({length: numNodes}, (_, index) => `${id}#${index}`)
    vcpus = 0
    nodes.forEach((nodeId, index) => {
      const container = nodeContainer(properties, index)
      const nodeVcpus = containerVcpus(container)
      vcpus += nodeVcpus
      const node: JobDetail = {
        ...structuredClone(base),
        jobArn: batchArn(state, 'job', nodeId),
        jobId: nodeId,
        attempts: [],
        nodeDetails: {nodeIndex: index, isMainNode: index === (properties.mainNode ?? 0)},
        ...(container ? {container} : {}),
      }
      delete node.nodeProperties
      state.jobs.set(nodeId, node)
      runtime.jobs.set(nodeId, newRuntime(nodeId, queue.jobQueueName!, definitionName, nodeVcpus, id))
    })
  } else {
    checkDeprecatedOverrides(definition, input)
    base.container = buildContainer(definition.containerProperties, input.containerOverrides, parameters)
    if (input.containerOverrides?.resourceRequirements?.length) {
      framed(requestId, () => checkOverriddenSizes(base.container!.resourceRequirements, definition.platformCapabilities?.includes('FARGATE') ? 'FARGATE' : 'EC2'))
    }
    vcpus = containerVcpus(base.container)
  }
  const rt = newRuntime(id, queue.jobQueueName!, definitionName, vcpus)
  if (nodes) rt.nodes = nodes
  state.jobs.set(id, base)
  runtime.jobs.set(id, rt)
  let byQueue = runtime.byQueue.get(queue.jobQueueName!)
  if (!byQueue) runtime.byQueue.set(queue.jobQueueName!, (byQueue = []))
  byQueue.push(id)

  let children: string[] | undefined
  if (isArray) {
    const size = input.arrayProperties!.size!
    // No child counts yet: the parent spawns its children when it leaves SUBMITTED (lifecycle.ts).
    base.arrayProperties = {statusSummary: emptyStatusSummary(), size, statusSummaryLastUpdatedAt: now}
    children = []
    for (let index = 0; index < size; index++) {
      const childId = `${id}:${index}`
      children.push(childId)
      // Held here, unseen until spawned PENDING (API reference, JobDetail.createdAt).
      const child: JobDetail = {...base, jobArn: batchArn(state, 'job', childId), jobId: childId, status: 'PENDING', attempts: []}
      child.arrayProperties = {index}
      child.container = structuredClone(base.container)
      state.jobs.set(childId, child)
      runtime.jobs.set(childId, newRuntime(childId, queue.jobQueueName!, definitionName, vcpus, id))
    }
    rt.children = children
  }
  wireDependencies(state, id, input.dependsOn ?? [], children)
  scheduleRelease(state, id)
  return {jobArn: base.jobArn, jobName: base.jobName, jobId: id}
}
