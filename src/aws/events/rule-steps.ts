import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type EventBridgeClient,
  type PutTargetsResponse,
  type RemoveTargetsResponse,
  type Target,
} from '@aws-sdk/client-eventbridge'

import type {StepContext} from '../../apply/adapter.js'
import {BugError, UserError} from '../../errors.js'
import {canonicalJson, type EventRuleSpec, type RuleTargetSpec} from '../../model/index.js'
import {normalizeSpec} from '../../plan/index.js'
import {resolveLinks} from '../../plan/resolve-links.js'
import {pages} from '../pages.js'
import type {CallerArns} from './caller-arns.js'
import {resolveInvocation} from './invocation.js'
import {sdkTarget} from './rule-targets.js'
import {errorName, send, tagDelta, tagList} from './step-call.js'

/*
 * Rule steps. PutRule creates a rule or replaces every field of an existing one, so it always
 * carries the whole desired rule; targets are separate (PutTargets adds or replaces by Id,
 * RemoveTargets removes), and a rule with targets cannot be deleted
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html,
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html).
 * Tags are taken by PutRule only when it creates the rule; later changes go through
 * TagResource / UntagResource. Every call takes effect when it returns: nothing to wait for.
 */

/** What every rule step needs besides its StepContext. */
export interface EventsEnv {
  events: EventBridgeClient
  arns: CallerArns
}

function desiredSpec(ctx: StepContext): EventRuleSpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'events.rule') throw new BugError(`${change.id} has no desired rule`)
  return normalizeSpec('events.rule', change.desired.spec)
}

/** The rule without its targets, as compared and as PutRule takes it. */
function ruleFields(spec: EventRuleSpec): Omit<EventRuleSpec, 'targets'> {
  const {targets: _targets, ...rest} = spec
  return rest
}

async function putRule(env: EventsEnv, ctx: StepContext, name: string, spec: EventRuleSpec, tags?: Record<string, string>): Promise<void> {
  await send(
    env.events,
    ctx,
    new PutRuleCommand({
      Name: name,
      EventBusName: spec.eventBusName,
      ...(spec.eventPattern === undefined ? {} : {EventPattern: JSON.stringify(spec.eventPattern)}),
      ...(spec.scheduleExpression === undefined ? {} : {ScheduleExpression: spec.scheduleExpression}),
      ...(spec.state === undefined ? {} : {State: spec.state}),
      // An empty description clears the one a previous PutRule set.
      Description: spec.description ?? '',
      ...(tags === undefined ? {} : {Tags: tagList(tags)}),
    }),
  )
}

async function putTargets(env: EventsEnv, ctx: StepContext, name: string, bus: string | undefined, targets: RuleTargetSpec[]): Promise<void> {
  if (targets.length === 0) return
  const sdk: Target[] = await Promise.all(targets.map(async (t) => sdkTarget(t, await resolveInvocation(t.invoke, ctx, env.arns))))
  const out = await send<PutTargetsResponse>(env.events, ctx, new PutTargetsCommand({Rule: name, EventBusName: bus, Targets: sdk}))
  if ((out.FailedEntryCount ?? 0) > 0) {
    const reasons = (out.FailedEntries ?? []).map((f) => `${f.TargetId}: ${f.ErrorCode} ${f.ErrorMessage}`).join('; ')
    throw new UserError(`EventBridge refused targets of rule ${name}: ${reasons}`, {code: 'PutTargetsFailed'})
  }
}

async function removeTargets(env: EventsEnv, ctx: StepContext, name: string, bus: string | undefined, ids: string[]): Promise<void> {
  // RemoveTargets takes up to 100 ids a call.
  for (let i = 0; i < ids.length; i += 100) {
    const out = await send<RemoveTargetsResponse>(env.events, ctx, new RemoveTargetsCommand({Rule: name, EventBusName: bus, Ids: ids.slice(i, i + 100)}))
    if ((out.FailedEntryCount ?? 0) > 0) {
      const reasons = (out.FailedEntries ?? []).map((f) => `${f.TargetId}: ${f.ErrorCode} ${f.ErrorMessage}`).join('; ')
      throw new UserError(`EventBridge could not remove targets of rule ${name}: ${reasons}`, {code: 'RemoveTargetsFailed'})
    }
  }
}

export async function createRule(env: EventsEnv, ctx: StepContext, name: string): Promise<void> {
  if (ctx.change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = desiredSpec(ctx)
  await putRule(env, ctx, name, spec, ctx.change.tags)
  await putTargets(env, ctx, name, spec.eventBusName, spec.targets)
}

/** Targets compared as the planner compares them: normalized, links resolved to physical names. */
function targetKey(target: RuleTargetSpec, names: ReadonlyMap<string, string>): string {
  return canonicalJson(resolveLinks(target, names))
}

export async function updateRule(env: EventsEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'events.rule') throw new BugError(`${change.id}: update step outside an update change`)
  const before = normalizeSpec('events.rule', change.live.spec)
  const after = desiredSpec(ctx)
  const names = new Map(Object.entries(ctx.plan.names))
  if (canonicalJson(resolveLinks(ruleFields(before), names)) !== canonicalJson(resolveLinks(ruleFields(after), names))) {
    await putRule(env, ctx, name, after)
  }
  const live = new Map(before.targets.map((t) => [t.id, targetKey(t, names)]))
  const changed = after.targets.filter((t) => live.get(t.id) !== targetKey(t, names))
  await putTargets(env, ctx, name, after.eventBusName, changed)
  const wantedIds = new Set(after.targets.map((t) => t.id))
  await removeTargets(env, ctx, name, after.eventBusName, [...live.keys()].filter((id) => !wantedIds.has(id)))
  const {set, remove} = tagDelta(change.live.tags, change.tags)
  if (Object.keys(set).length > 0) await send(env.events, ctx, new TagResourceCommand({ResourceARN: change.live.arn, Tags: tagList(set)}))
  if (remove.length > 0) await send(env.events, ctx, new UntagResourceCommand({ResourceARN: change.live.arn, TagKeys: remove}))
}

/**
 * Removes every target (listed afresh: a target added since the plan would make DeleteRule fail),
 * then the rule. The bus is the live rule's: a replace moves a rule to another bus under the
 * same name, and its old side is deleted from the old bus.
 */
export async function deleteRule(env: EventsEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (!('live' in change) || change.live.kind !== 'events.rule') throw new BugError(`${change.id}: delete step without a live rule`)
  const bus = change.live.spec.eventBusName
  let targets: Target[]
  try {
    targets = await pages(async (NextToken) => {
      const out = await send<{Targets?: Target[]; NextToken?: string}>(env.events, ctx, new ListTargetsByRuleCommand({Rule: name, EventBusName: bus, NextToken}))
      return {items: out.Targets ?? [], nextToken: out.NextToken}
    })
  } catch (error) {
    // Already gone: nothing to remove.
    if (errorName(error) === 'ResourceNotFoundException') return
    throw error
  }
  await removeTargets(env, ctx, name, bus, targets.map((t) => t.Id ?? ''))
  await send(env.events, ctx, new DeleteRuleCommand({Name: name, EventBusName: bus}))
}
