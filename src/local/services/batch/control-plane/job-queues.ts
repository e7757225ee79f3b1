import type {ComputeEnvironmentOrder, JobQueueDetail, JobStateTimeLimitAction} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import {terminateQueueJobs} from '../jobs/cancel-terminate.js'
import {batchArn, type BatchState} from '../state.js'
import {noteDetached} from './compute-environments.js'
import {computeEnvironmentArchitecture, isFargate} from './compute-resources.js'
import {findComputeEnvironment, findJobQueue, refArn} from './lookup.js'
import {paginate} from './pagination.js'
import {checkTags} from './tags.js'
import {BUSY_STATUSES, scheduleTransition} from './transitions.js'
import {checkEnum, checkInt, checkName, checkStringList, copy, invalid, optionalEnum, requireString} from './validate.js'

/**
 * CreateJobQueue, UpdateJobQueue, DeleteJobQueue, DescribeJobQueues.
 * AWS: CreateJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html
 * AWS: UpdateJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateJobQueue.html
 * AWS: ComputeEnvironmentOrder — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentOrder.html
 */

const STATES = ['ENABLED', 'DISABLED'] as const
const HEALTHY = 'JobQueue Healthy'

/**
 * Checks a computeEnvironmentOrder: 1–3 entries, unique orders and environments, every
 * environment existing and VALID, all Fargate or all EC2/SPOT, one CPU architecture. Returns it with full ARNs
 * (AWS stores and echoes ARNs even when names were given).
 */
function checkOrder(state: BatchState, value: unknown): ComputeEnvironmentOrder[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid('computeEnvironmentOrder must contain at least one compute environment')
  if (value.length > 3) throw invalid('computeEnvironmentOrder can contain at most 3 compute environments')
  const orders = new Set<number>()
  const arns = new Set<string>()
  const kinds = new Set<boolean>()
  const order = value.map((entry: Record<string, unknown>, index): ComputeEnvironmentOrder => {
    const position = checkInt(entry?.order, `computeEnvironmentOrder[${index}].order`, 0, 2 ** 31 - 1)
    const ref = requireString(entry?.computeEnvironment, `computeEnvironmentOrder[${index}].computeEnvironment`)
    const ce = findComputeEnvironment(state, ref)
    if (!ce || ce.status === 'DELETING' || ce.status === 'DELETED') throw clientException(`${refArn(state, 'compute-environment', ref)} does not exist`)
    if (ce.status !== 'VALID') {
      const must = ce.status === 'CREATING' ? 'must be created and valid' : 'must be valid'
      throw clientException(`Compute environment ${ce.computeEnvironmentArn} ${must} before attaching to a job queue (status ${ce.status})`)
    }
    if (orders.has(position)) throw invalid(`computeEnvironmentOrder contains order ${position} more than once`)
    if (arns.has(ce.computeEnvironmentArn!)) throw invalid(`computeEnvironmentOrder contains ${ref} more than once`)
    orders.add(position)
    arns.add(ce.computeEnvironmentArn!)
    kinds.add(isFargate(ce.computeResources?.type))
    return {order: position, computeEnvironment: ce.computeEnvironmentArn}
  })
  if (kinds.size > 1) {
    throw invalid('A job queue cannot mix Fargate (FARGATE, FARGATE_SPOT) and EC2 (EC2, SPOT) compute environments')
  }
  // ComputeEnvironmentOrder: "All compute environments that are associated with a job queue must
  // share the same architecture. Batch doesn't support mixing compute environment architecture
  // types in a single job queue."
  const archs = new Set(
    order.map((entry) => computeEnvironmentArchitecture(findComputeEnvironment(state, entry.computeEnvironment!)?.computeResources)).filter(Boolean),
  )
  if (archs.size > 1) {
    throw invalid('All compute environments of a job queue must share the same architecture (x86_64 or arm64), not a mix')
  }
  return order
}

/** jobStateTimeLimitActions: up to 5; state RUNNABLE; action CANCEL; maxTimeSeconds 600–86400; a reason. */
function checkTimeLimitActions(value: unknown): JobStateTimeLimitAction[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw invalid('jobStateTimeLimitActions must be a list')
  if (value.length > 5) throw invalid('jobStateTimeLimitActions can contain at most 5 actions')
  return value.map((action: Record<string, unknown>, i) => ({
    reason: requireString(action?.reason, `jobStateTimeLimitActions[${i}].reason`),
    state: checkEnum(action?.state, `jobStateTimeLimitActions[${i}].state`, ['RUNNABLE'] as const),
    maxTimeSeconds: checkInt(action?.maxTimeSeconds, `jobStateTimeLimitActions[${i}].maxTimeSeconds`, 600, 86_400),
    action: checkEnum(action?.action, `jobStateTimeLimitActions[${i}].action`, ['CANCEL'] as const),
  }))
}

function checkPolicy(state: BatchState, arn: unknown): string {
  const value = requireString(arn, 'schedulingPolicyArn')
  if (!state.schedulingPolicies.has(value)) throw clientException(`Scheduling policy ${value} does not exist`)
  return value
}

const createJobQueue: Handler<BatchState> = (input, ctx) => {
  const {state} = ctx
  const name = checkName(input.jobQueueName, 'jobQueueName')
  const priority = checkInt(input.priority, 'priority', 0, 1000)
  const queueState = optionalEnum(input.state, 'state', STATES) ?? 'ENABLED'
  if (input.serviceEnvironmentOrder) throw clientException('The emulator does not support service environments')
  const order = checkOrder(state, input.computeEnvironmentOrder)
  const policy = input.schedulingPolicyArn ? checkPolicy(state, input.schedulingPolicyArn) : undefined
  const actions = checkTimeLimitActions(input.jobStateTimeLimitActions)
  const tags = checkTags(input.tags)
  if (state.jobQueues.has(name)) throw clientException('Object already exists')
  const arn = batchArn(state, 'job-queue', name)
  const queue: JobQueueDetail = {
    jobQueueName: name,
    jobQueueArn: arn,
    state: queueState,
    ...(policy ? {schedulingPolicyArn: policy} : {}),
    status: 'CREATING',
    statusReason: 'Creating job queue',
    priority,
    computeEnvironmentOrder: order,
    // Real DescribeJobQueues output for ECS queues carries no jobQueueType, so neither does this.
    tags,
    jobStateTimeLimitActions: actions,
  }
  state.jobQueues.set(name, queue)
  scheduleTransition(ctx, arn, () => settle(queue))
  return {jobQueueName: name, jobQueueArn: arn}
}

function settle(queue: JobQueueDetail): void {
  queue.status = 'VALID'
  queue.statusReason = HEALTHY
}

function existing(state: BatchState, input: {jobQueue?: unknown}): JobQueueDetail {
  const ref = requireString(input.jobQueue, 'jobQueue')
  const queue = findJobQueue(state, ref)
  if (!queue) throw clientException(`${refArn(state, 'job-queue', ref)} does not exist`)
  return queue
}

const updateJobQueue: Handler<BatchState> = (input, ctx) => {
  const {state} = ctx
  const queue = existing(state, input)
  if (BUSY_STATUSES.has(queue.status ?? '')) throw clientException('Cannot update, resource is being modified')
  const next: JobQueueDetail = structuredClone(queue)
  const newState = optionalEnum(input.state, 'state', STATES)
  if (newState) next.state = newState
  if (input.priority !== undefined && input.priority !== null) next.priority = checkInt(input.priority, 'priority', 0, 1000)
  if (input.schedulingPolicyArn !== undefined && input.schedulingPolicyArn !== null) {
    // A FIFO queue can't gain a fair-share policy; a fair-share queue can switch policies but not drop its policy.
    if (!queue.schedulingPolicyArn) {
      throw clientException('A job queue without a fair-share scheduling policy can\'t have a fair-share scheduling policy added')
    }
    if (input.schedulingPolicyArn === '') throw clientException('The fair-share scheduling policy of a job queue can be replaced but not removed')
    next.schedulingPolicyArn = checkPolicy(state, input.schedulingPolicyArn)
  }
  let detached: string[] = []
  if (input.computeEnvironmentOrder !== undefined && input.computeEnvironmentOrder !== null) {
    const order = checkOrder(state, input.computeEnvironmentOrder)
    const kept = new Set(order.map((entry) => entry.computeEnvironment))
    detached = (queue.computeEnvironmentOrder ?? []).map((entry) => entry.computeEnvironment!).filter((arn) => !kept.has(arn))
    next.computeEnvironmentOrder = order
  }
  if (input.jobStateTimeLimitActions !== undefined) next.jobStateTimeLimitActions = checkTimeLimitActions(input.jobStateTimeLimitActions)
  // Checked: apply in place, so whoever holds the record (the jobs engine) sees the change.
  Object.assign(queue, next, {status: 'UPDATING', statusReason: 'Updating job queue'})
  noteDetached(ctx, detached)
  scheduleTransition(ctx, queue.jobQueueArn!, () => settle(queue))
  return {jobQueueName: queue.jobQueueName, jobQueueArn: queue.jobQueueArn}
}

const deleteJobQueue: Handler<BatchState> = (input, ctx) => {
  const {state} = ctx
  const queue = existing(state, input)
  if (queue.status === 'DELETING') return {}
  // AWS: "You must first disable submissions for a queue with the UpdateJobQueue operation."
  if (queue.state !== 'DISABLED') throw clientException(`Job queue ${queue.jobQueueName} must be DISABLED before it can be deleted`)
  if (BUSY_STATUSES.has(queue.status ?? '')) throw clientException('Cannot delete, resource is being modified')
  queue.status = 'DELETING'
  queue.statusReason = 'Deleting job queue'
  // "All jobs in the queue are eventually terminated when you delete a job queue" (API reference,
  // "DeleteJobQueue"): AWS does it at about 16 jobs a second; the emulator does it at once, so no
  // job is placed from a queue that is going away.
  terminateQueueJobs(state, queue.jobQueueName!)
  scheduleTransition(ctx, queue.jobQueueArn!, () => {
    state.jobQueues.delete(queue.jobQueueName!)
    noteDetached(ctx, (queue.computeEnvironmentOrder ?? []).map((entry) => entry.computeEnvironment!))
  })
  return {}
}

const describeJobQueues: Handler<BatchState> = (input, {state}) => {
  let items = [...state.jobQueues.values()]
  if (input.jobQueues !== undefined && input.jobQueues !== null) {
    const refs = checkStringList(input.jobQueues, 'jobQueues')
    if (refs.length > 100) throw invalid('jobQueues can contain at most 100 entries')
    if (refs.length > 0 && input.maxResults !== undefined && input.maxResults !== null) {
      throw invalid('JobQueues and MaxResults cannot both be set')
    }
    if (refs.length > 0) {
      const wanted = new Set(refs.map((ref) => findJobQueue(state, ref)).filter(Boolean))
      items = items.filter((queue) => wanted.has(queue))
    }
  }
  const page = paginate(items, input, 'DescribeJobQueues')
  return {jobQueues: page.items.map(copy), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
}

export const jobQueueHandlers: Record<string, Handler<BatchState>> = {
  CreateJobQueue: createJobQueue,
  UpdateJobQueue: updateJobQueue,
  DeleteJobQueue: deleteJobQueue,
  DescribeJobQueues: describeJobQueues,
}
