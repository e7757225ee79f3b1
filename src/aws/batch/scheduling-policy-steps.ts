import {
  CreateSchedulingPolicyCommand,
  DeleteSchedulingPolicyCommand,
  DescribeSchedulingPoliciesCommand,
  UpdateSchedulingPolicyCommand,
  type FairsharePolicy,
} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {canonicalJson, type SchedulingPolicySpec} from '../../model/index.js'
import {normalizeSpec} from '../../plan/index.js'
import {call, createOnce, syncTags, type BatchEnv} from './batch-env.js'
import {messageHas, retryWhile} from './wait.js'

/*
 * Scheduling policy steps. AWS: CreateSchedulingPolicy, UpdateSchedulingPolicy,
 * DeleteSchedulingPolicy (https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateSchedulingPolicy.html).
 * Policies have no status: each call takes effect when it returns.
 */

function desiredSpec(ctx: StepContext): SchedulingPolicySpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'batch.schedulingPolicy') throw new BugError(`${change.id} has no desired scheduling policy`)
  return normalizeSpec('batch.schedulingPolicy', change.desired.spec)
}

export async function createSchedulingPolicy(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  if (ctx.change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = desiredSpec(ctx)
  const input = {
    name,
    ...(spec.fairsharePolicy === undefined ? {} : {fairsharePolicy: spec.fairsharePolicy as FairsharePolicy}),
    tags: ctx.change.tags,
  }
  await createOnce(
    ctx,
    () => call(env, ctx, new CreateSchedulingPolicyCommand(input)),
    async () => {
      const arn = await env.arn('scheduling-policy', name)
      const out = await call<{schedulingPolicies?: Array<{tags?: Record<string, string>}>}>(env, ctx, new DescribeSchedulingPoliciesCommand({arns: [arn]}))
      return out.schedulingPolicies?.[0]?.tags
    },
  )
}

export async function updateSchedulingPolicy(env: BatchEnv, ctx: StepContext): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'batch.schedulingPolicy') throw new BugError(`${change.id}: update step outside an update change`)
  const after = desiredSpec(ctx)
  if (canonicalJson(normalizeSpec('batch.schedulingPolicy', change.live.spec)) !== canonicalJson(after)) {
    // UpdateSchedulingPolicy replaces the whole fair-share policy.
    await call(env, ctx, new UpdateSchedulingPolicyCommand({arn: change.live.arn, fairsharePolicy: (after.fairsharePolicy ?? {}) as FairsharePolicy}))
  }
  await syncTags(env, ctx, change.live.arn, change.live.tags, change.tags)
}

/** A queue that was just deleted may still hold the policy for a moment: "in use" is retried. */
export async function deleteSchedulingPolicy(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const live = 'live' in ctx.change && ctx.change.live.physicalName === name ? ctx.change.live : undefined
  const arn = live?.arn ?? (await env.arn('scheduling-policy', name))
  await retryWhile(
    () => call(env, ctx, new DeleteSchedulingPolicyCommand({arn})),
    (e) => messageHas(e, 'in use'),
    ctx.signal,
    env.wait,
  )
}
