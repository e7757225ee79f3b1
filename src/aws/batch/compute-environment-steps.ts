import {
  CreateComputeEnvironmentCommand,
  DeleteComputeEnvironmentCommand,
  UpdateComputeEnvironmentCommand,
  type CreateComputeEnvironmentRequest,
  type UpdateComputeEnvironmentRequest,
} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {canonicalJson, type ComputeEnvironmentSpec, type ComputeResourcesSpec} from '../../model/index.js'
import {comparableSpecs} from '../../plan/normalize.js'
import {call, createOnce, syncTags, type BatchEnv} from './batch-env.js'
import {describeOne, waitGone, waitValid} from './settle.js'
import {messageHas, retryWhile} from './wait.js'

/*
 * Compute environment steps. AWS: CreateComputeEnvironment, UpdateComputeEnvironment,
 * DeleteComputeEnvironment (https://docs.aws.amazon.com/batch/latest/APIReference/API_Operations.html).
 * A replace is create (new name, here) → queues re-pointed (their own update steps) → disable
 * old → delete old, each step doing only its part.
 */

const KIND = 'compute environment'
/** AWS refuses changes while a CE is CREATING/UPDATING, and deletes shortly after a queue let go of it. */
const BUSY = 'resource is being modified'
const RELATIONSHIP = 'found existing JobQueue relationship'

function desiredSpec(ctx: StepContext): ComputeEnvironmentSpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'batch.computeEnvironment') throw new BugError(`${change.id} has no desired compute environment`)
  return change.desired.spec
}

export async function createComputeEnvironment(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  if (ctx.change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = desiredSpec(ctx)
  const input: CreateComputeEnvironmentRequest = {
    computeEnvironmentName: name,
    type: spec.type,
    // Created ENABLED (AWS's default); a DISABLED one is disabled once it is VALID.
    ...(spec.serviceRole === undefined ? {} : {serviceRole: spec.serviceRole}),
    ...(spec.type === 'UNMANAGED' && spec.unmanagedvCpus !== undefined ? {unmanagedvCpus: spec.unmanagedvCpus} : {}),
    ...(spec.computeResources === undefined ? {} : {computeResources: spec.computeResources as CreateComputeEnvironmentRequest['computeResources']}),
    tags: ctx.change.tags,
  }
  await createOnce(
    ctx,
    () => call(env, ctx, new CreateComputeEnvironmentCommand(input)),
    async () => (await describeOne(env, ctx, KIND, name))?.tags,
  )
  await waitValid(env, ctx, KIND, name)
  if (spec.state === 'DISABLED') await setState(env, ctx, name, 'DISABLED')
}

/** Fields of computeResources UpdateComputeEnvironment takes (desiredvCpus is AWS's to move). */
const UPDATABLE: ReadonlyArray<keyof ComputeResourcesSpec> = [
  'minvCpus',
  'maxvCpus',
  'allocationStrategy',
  'instanceTypes',
  'subnets',
  'securityGroupIds',
  'instanceRole',
  'bidPercentage',
  'launchTemplate',
  'imageId',
  'ec2KeyPair',
  'placementGroup',
  'ec2Configuration',
  'updateToLatestImageVersion',
  'tags',
  'type',
]

/** The UpdateComputeEnvironment request carrying only what differs between live and desired (undefined: nothing). */
export function computeEnvironmentUpdate(name: string, live: ComputeEnvironmentSpec, desired: ComputeEnvironmentSpec): UpdateComputeEnvironmentRequest | undefined {
  // Compared as the planner compares them: a default AWS chose (the AMI type) is no difference.
  const {live: before, desired: after} = comparableSpecs('batch.computeEnvironment', desired, live)
  const differs = (a: unknown, b: unknown) => canonicalJson(a) !== canonicalJson(b)
  const request: UpdateComputeEnvironmentRequest = {computeEnvironment: name}
  if (differs(before.state, after.state)) request.state = after.state
  if (after.type === 'UNMANAGED' && differs(before.unmanagedvCpus, after.unmanagedvCpus)) request.unmanagedvCpus = after.unmanagedvCpus
  const resources: Record<string, unknown> = {}
  const b = before.computeResources
  const a = after.computeResources
  if (a !== undefined && b !== undefined) {
    for (const key of UPDATABLE) {
      if (!differs(b[key], a[key])) continue
      // A list or map dropped from batch.yaml is sent empty: AWS reads [] / {} as "none" (ec2Configuration: back to its default AMI).
      const value = a[key] ?? (Array.isArray(b[key]) ? [] : typeof b[key] === 'object' ? {} : undefined)
      if (value !== undefined) resources[key] = value
    }
  }
  if (Object.keys(resources).length > 0) request.computeResources = resources as UpdateComputeEnvironmentRequest['computeResources']
  return Object.keys(request).length > 1 ? request : undefined
}

export async function updateComputeEnvironment(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'batch.computeEnvironment') throw new BugError(`${change.id}: update step outside an update change`)
  const request = computeEnvironmentUpdate(name, change.live.spec, desiredSpec(ctx))
  if (request !== undefined) {
    await retryWhile(() => call(env, ctx, new UpdateComputeEnvironmentCommand(request)), (e) => messageHas(e, BUSY), ctx.signal, env.wait)
  }
  await syncTags(env, ctx, change.live.arn, change.live.tags, change.tags)
  if (request !== undefined) await waitValid(env, ctx, KIND, name, request.state)
}

async function setState(env: BatchEnv, ctx: StepContext, name: string, state: 'ENABLED' | 'DISABLED'): Promise<void> {
  await retryWhile(
    () => call(env, ctx, new UpdateComputeEnvironmentCommand({computeEnvironment: name, state})),
    (e) => messageHas(e, BUSY),
    ctx.signal,
    env.wait,
  )
  await waitValid(env, ctx, KIND, name, state)
}

/** DISABLED, then VALID again (AWS deletes only disabled environments). Already disabled: nothing to do. */
export async function disableComputeEnvironment(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const seen = await describeOne(env, ctx, KIND, name)
  if (seen === undefined) return
  if (seen.state === 'DISABLED' && seen.status === 'VALID') return
  await setState(env, ctx, name, 'DISABLED')
}

/**
 * Deletes and waits until AWS no longer lists it. AWS keeps answering "Cannot delete, found
 * existing JobQueue relationship" for a while after the last queue let go (eventual
 * consistency), so that refusal is retried with backoff.
 */
export async function deleteComputeEnvironment(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const seen = await describeOne(env, ctx, KIND, name)
  if (seen === undefined) return
  await retryWhile(
    () => call(env, ctx, new DeleteComputeEnvironmentCommand({computeEnvironment: name})),
    (e) => messageHas(e, RELATIONSHIP, BUSY),
    ctx.signal,
    env.wait,
  )
  await waitGone(env, ctx, KIND, name)
}
