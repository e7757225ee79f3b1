import type {
  ContainerDetail,
  JobDefinition,
  JobDependency,
  JobDetail,
  JobQueueDetail,
  NodeProperties,
  SubmitJobRequest,
  SubmitJobResponse,
} from '@aws-sdk/client-batch'
import {randomUUID} from 'node:crypto'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import {checkEnvironmentNames, checkOverriddenSizes} from '../control-plane/container-properties.js'
import {checkRetryStrategy} from '../control-plane/retry-strategy.js'
import {checkTags} from '../control-plane/tags.js'
import {invalid, ValidationFailure} from '../control-plane/validate.js'
import {batchArn, type BatchState} from '../state.js'
import {buildContainer, containerVcpus, targetNodeIndexes} from './container.js'
import {scheduleRelease} from './lifecycle.js'
import {usableJobDefinition, usableQueue} from './resolve.js'
import {type JobRuntime, jobsRuntime} from './runtime.js'
import {emptyStatusSummary, isTerminal} from './status.js'

const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

/** Runs control-plane checks, answering their failures in AWS's validation frame ("Error executing request, Exception : …"). */
function framed(requestId: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (!(error instanceof ValidationFailure)) throw error
    const detail = /[.!?]$/.test(error.detail) ? error.detail : `${error.detail}.`
    throw clientException(`Error executing request, Exception : ${detail}, RequestId: ${requestId}`)
  }
}

/** SubmitJob's checks that do not need the queue or job definition (AWS Batch API reference, "SubmitJob"). */
function validateInput(input: SubmitJobRequest, requestId: string): void {
  if (!input.jobName || !JOB_NAME.test(input.jobName)) {
    // AWS's own wording for this one, request id included.
    throw clientException(`Error executing request, Exception : Job name should match valid pattern, RequestId: ${requestId}`)
  }
  if (!input.jobQueue) throw clientException('jobQueue is required.')
  if (!input.jobDefinition) throw clientException('jobDefinition is required.')
  const size = input.arrayProperties?.size
  if (input.arrayProperties && (size === undefined || !Number.isInteger(size) || size < 2 || size > 10_000)) {
    throw clientException('Array job size must be between 2 and 10000.')
  }
  const attempts = input.retryStrategy?.attempts
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > 10)) {
    throw clientException('retryStrategy.attempts must be between 1 and 10.')
  }
  const seconds = input.timeout?.attemptDurationSeconds
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 60)) {
    throw clientException('timeout.attemptDurationSeconds must be at least 60 seconds.')
  }
  // The same RetryStrategy and environment checks as RegisterJobDefinition (at most 5 evaluateOnExit
  // conditions, numeric onExitCode, no AWS_BATCH* variables).
  framed(requestId, () => {
    checkRetryStrategy(input.retryStrategy)
    checkEnvironmentNames(input.containerOverrides?.environment, 'containerOverrides.environment')
    // ContainerOverrides.command: "This parameter can't contain an empty string."
    if (input.containerOverrides?.command?.some((part) => part === '')) throw invalid('containerOverrides.command can\'t contain an empty string')
    for (const [i, override] of (input.nodeOverrides?.nodePropertyOverrides ?? []).entries()) {
      checkEnvironmentNames(override.containerOverrides?.environment, `nodeOverrides.nodePropertyOverrides[${i}].containerOverrides.environment`)
    }
  })
  if ((input.dependsOn?.length ?? 0) > 20) throw clientException('A job can depend on at most 20 jobs.')
  const priority = input.schedulingPriorityOverride
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 0 || priority > 9999)) {
    throw clientException('schedulingPriorityOverride must be between 0 and 9999.')
  }
}

/** SubmitJob shareIdentifier: "This string is limited to 255 alphanumeric characters, and can be followed by an asterisk (*)." */
const SHARE_IDENTIFIER = /^[A-Za-z0-9]{1,255}\*?$/
/** CreateJobQueue schedulingPolicyArn: "Jobs queues with a fair-share scheduling policy can have a maximum of 500 active share identifiers." */
const MAX_ACTIVE_SHARES = 500

/**
 * Fair-share queues need a share identifier; FIFO queues refuse one (API reference, "SubmitJob"
 * shareIdentifier). A queue holds at most 500 active share identifiers: "When the limit has been
 * reached, submissions of any jobs that add a new share identifier fail" (API reference,
 * "CreateJobQueue" schedulingPolicyArn).
 */
function validateFairShare(state: BatchState, input: SubmitJobRequest, queue: JobQueueDetail): void {
  if (queue.schedulingPolicyArn && !input.shareIdentifier) {
    throw clientException(`Share identifier is required for job queue ${queue.jobQueueArn}, which has a fair share scheduling policy.`)
  }
  if (input.shareIdentifier !== undefined && !SHARE_IDENTIFIER.test(input.shareIdentifier)) {
    throw clientException(`shareIdentifier '${input.shareIdentifier}' must be up to 255 letters and digits, optionally followed by an asterisk (*).`)
  }
  if (queue.schedulingPolicyArn && input.shareIdentifier) {
    const active = new Set<string>()
    for (const id of jobsRuntime(state).byQueue.get(queue.jobQueueName!) ?? []) {
      const job = state.jobs.get(id)
      if (job?.shareIdentifier !== undefined && !isTerminal(job.status)) active.add(job.shareIdentifier)
    }
    if (!active.has(input.shareIdentifier) && active.size >= MAX_ACTIVE_SHARES) {
      throw clientException(`Job queue ${queue.jobQueueArn} already has ${MAX_ACTIVE_SHARES} active share identifiers; a job with the new share identifier ${input.shareIdentifier} can't be added.`)
    }
  }
  if (!queue.schedulingPolicyArn && input.shareIdentifier) {
    throw clientException(`Share identifier can't be set for job queue ${queue.jobQueueArn}, which has no fair share scheduling policy.`)
  }
  if (!queue.schedulingPolicyArn && input.schedulingPriorityOverride !== undefined) {
    throw clientException(`schedulingPriorityOverride can't be set for job queue ${queue.jobQueueArn}, which has no fair share scheduling policy.`)
  }
}

function validateDependencies(state: BatchState, input: SubmitJobRequest, isArray: boolean): void {
  for (const dependency of input.dependsOn ?? []) {
    if (!dependency.jobId) {
      if (dependency.type !== 'SEQUENTIAL' || !isArray) {
        throw clientException('A dependency without a jobId is only valid as a SEQUENTIAL dependency of an array job.')
      }
      continue
    }
    if (!state.jobs.has(dependency.jobId)) throw clientException(`Dependent job ${dependency.jobId} does not exist.`)
    if (dependency.type === 'N_TO_N' && !isArray) throw clientException('An N_TO_N dependency is only valid for an array job.')
  }
}

/**
 * `nodeOverrides.numNodes` (API reference, "NodeOverrides"): "There must be at least one node
 * range in your job definition that has an open upper boundary, such as : or n:. The lower
 * boundary of the node range that's specified in the job definition must be fewer than the
 * number of nodes specified in the override. The main node index that's specified in the job
 * definition must be fewer than the number of nodes specified in the override."
 */
function checkNumNodesOverride(properties: NodeProperties, numNodes: number): void {
  if (!Number.isInteger(numNodes) || numNodes < 1 || numNodes > 1000) {
    throw clientException('nodeOverrides.numNodes must be between 1 and 1000.')
  }
  const ranges = properties.nodeRangeProperties ?? []
  if (!ranges.some((range) => (range.targetNodes ?? '').endsWith(':'))) {
    throw clientException('nodeOverrides.numNodes needs a node range with an open upper boundary (such as ":" or "n:") in the job definition.')
  }
  for (const range of ranges) {
    const lower = Number((range.targetNodes ?? '').split(':')[0] || 0)
    if (lower >= numNodes) {
      throw clientException(`nodeOverrides.numNodes ${numNodes} must be greater than the lower boundary of node range ${range.targetNodes}.`)
    }
  }
  if ((properties.mainNode ?? 0) >= numNodes) {
    throw clientException(`nodeOverrides.numNodes ${numNodes} must be greater than the main node index ${properties.mainNode}.`)
  }
}

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

/**
 * `containerOverrides.vcpus` / `memory` can't override a definition that states vCPUs / memory
 * in `resourceRequirements` (User Guide, "Can't override job definition resource requirements").
 */
function checkDeprecatedOverrides(definition: JobDefinition, input: SubmitJobRequest): void {
  const requirements = definition.containerProperties?.resourceRequirements ?? []
  const has = (type: string): boolean => requirements.some((r) => r.type === type)
  const overrides = input.containerOverrides
  // Fargate takes sizes only as resource requirements; AWS answers the legacy keys with this
  // (as quoted by SDK users, e.g. insitro/redun#95).
  if (definition.platformCapabilities?.includes('FARGATE')) {
    for (const key of ['vcpus', 'memory'] as const) {
      if (overrides?.[key] !== undefined) throw clientException(`${key} is not applicable for Fargate. Use resource requirements instead.`)
    }
  }
  if ((overrides?.vcpus !== undefined && has('VCPU')) || (overrides?.memory !== undefined && has('MEMORY'))) {
    throw clientException(
      "This value was submitted in a deprecated key and may conflict with the value provided by the job definition's resource requirements.",
    )
  }
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
    const summary = emptyStatusSummary()
    summary.PENDING = size
    base.arrayProperties = {statusSummary: summary, size, statusSummaryLastUpdatedAt: now}
    children = []
    for (let index = 0; index < size; index++) {
      const childId = `${id}:${index}`
      children.push(childId)
      // Children are spawned PENDING (API reference, JobDetail.createdAt).
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
