import {
  CreateJobQueueCommand,
  DeleteJobQueueCommand,
  UpdateJobQueueCommand,
  type ComputeEnvironmentOrder,
  type JobStateTimeLimitAction,
  type UpdateJobQueueRequest,
} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {canonicalJson, nameFromArn, type JobQueueSpec} from '../../model/index.js'
import {normalizeSpec} from '../../plan/index.js'
import {call, createOnce, resolveLink, syncTags, type BatchEnv} from './batch-env.js'
import {describeOne, waitGone, waitValid} from './settle.js'
import {messageHas, retryWhile} from './wait.js'

/*
 * Job queue steps. AWS: CreateJobQueue, UpdateJobQueue, DeleteJobQueue
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateJobQueue.html). During a
 * compute environment replace, the queue's update names the new environment in
 * computeEnvironmentOrder: one UpdateJobQueue attaches the new one and detaches the old one,
 * so the queue is never without a VALID environment.
 */

const KIND = 'job queue'
const BUSY = 'resource is being modified'

function desiredSpec(ctx: StepContext): JobQueueSpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'batch.jobQueue') throw new BugError(`${change.id} has no desired job queue`)
  return change.desired.spec
}

/** computeEnvironmentOrder with ARNs, links resolved through plan.names. */
async function order(env: BatchEnv, ctx: StepContext, spec: JobQueueSpec): Promise<ComputeEnvironmentOrder[]> {
  return Promise.all(
    spec.computeEnvironmentOrder.map(async (entry) => ({
      order: entry.order,
      computeEnvironment: await env.arn('compute-environment', resolveLink(entry.computeEnvironment, ctx)),
    })),
  )
}

async function policyArn(env: BatchEnv, ctx: StepContext, spec: JobQueueSpec): Promise<string | undefined> {
  return spec.schedulingPolicy === undefined ? undefined : env.arn('scheduling-policy', resolveLink(spec.schedulingPolicy, ctx))
}

export async function createJobQueue(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  if (ctx.change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = normalizeSpec('batch.jobQueue', desiredSpec(ctx))
  const policy = await policyArn(env, ctx, spec)
  const input = {
    jobQueueName: name,
    priority: spec.priority,
    ...(spec.state === undefined ? {} : {state: spec.state}),
    computeEnvironmentOrder: await order(env, ctx, spec),
    ...(policy === undefined ? {} : {schedulingPolicyArn: policy}),
    ...(spec.jobStateTimeLimitActions === undefined ? {} : {jobStateTimeLimitActions: spec.jobStateTimeLimitActions as JobStateTimeLimitAction[]}),
    tags: ctx.change.tags,
  }
  await createOnce(
    ctx,
    () => call(env, ctx, new CreateJobQueueCommand(input)),
    async () => (await describeOne(env, ctx, KIND, name))?.tags,
  )
  await waitValid(env, ctx, KIND, name)
}

/** Links compared by the name they designate (AWS reports ARNs, batch.yaml gives refs). */
function orderNames(entries: Array<{order: number; computeEnvironment: string}>): string {
  return canonicalJson(entries.map((e) => ({order: e.order, name: nameFromArn(e.computeEnvironment)})))
}

export async function updateJobQueue(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'batch.jobQueue') throw new BugError(`${change.id}: update step outside an update change`)
  const before = normalizeSpec('batch.jobQueue', change.live.spec)
  const after = normalizeSpec('batch.jobQueue', desiredSpec(ctx))
  const request: UpdateJobQueueRequest = {jobQueue: name}
  if (before.priority !== after.priority) request.priority = after.priority
  if (before.state !== after.state && after.state !== undefined) request.state = after.state
  const liveOrder = before.computeEnvironmentOrder.map((e) => ({order: e.order, computeEnvironment: resolveLink(e.computeEnvironment, ctx)}))
  const wantedOrder = await order(env, ctx, after)
  if (orderNames(liveOrder) !== orderNames(wantedOrder as Array<{order: number; computeEnvironment: string}>)) request.computeEnvironmentOrder = wantedOrder
  const livePolicy = before.schedulingPolicy === undefined ? undefined : nameFromArn(resolveLink(before.schedulingPolicy, ctx))
  const wantedPolicy = await policyArn(env, ctx, after)
  // Replacing one fair-share policy by another is in place; adding or removing one is a replace (planned as such).
  if (wantedPolicy !== undefined && livePolicy !== nameFromArn(wantedPolicy)) request.schedulingPolicyArn = wantedPolicy
  if (canonicalJson(before.jobStateTimeLimitActions ?? []) !== canonicalJson(after.jobStateTimeLimitActions ?? [])) {
    request.jobStateTimeLimitActions = (after.jobStateTimeLimitActions ?? []) as JobStateTimeLimitAction[]
  }
  const changed = Object.keys(request).length > 1
  if (changed) await retryWhile(() => call(env, ctx, new UpdateJobQueueCommand(request)), (e) => messageHas(e, BUSY), ctx.signal, env.wait)
  await syncTags(env, ctx, change.live.arn, change.live.tags, change.tags)
  if (changed) await waitValid(env, ctx, KIND, name, request.state)
}

/** DISABLED, then VALID again (AWS deletes only disabled queues). Already disabled: nothing to do. */
export async function disableJobQueue(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const seen = await describeOne(env, ctx, KIND, name)
  if (seen === undefined) return
  if (seen.state === 'DISABLED' && seen.status === 'VALID') return
  await retryWhile(() => call(env, ctx, new UpdateJobQueueCommand({jobQueue: name, state: 'DISABLED'})), (e) => messageHas(e, BUSY), ctx.signal, env.wait)
  await waitValid(env, ctx, KIND, name, 'DISABLED')
}

/** Deletes and waits until AWS no longer lists it (its environments are free only then). */
export async function deleteJobQueue(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const seen = await describeOne(env, ctx, KIND, name)
  if (seen === undefined) return
  await retryWhile(() => call(env, ctx, new DeleteJobQueueCommand({jobQueue: name})), (e) => messageHas(e, BUSY), ctx.signal, env.wait)
  await waitGone(env, ctx, KIND, name)
}
