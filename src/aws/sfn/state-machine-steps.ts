import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  type DescribeStateMachineOutput,
  type LoggingConfiguration,
  type SFNClient,
  type UpdateStateMachineInput,
} from '@aws-sdk/client-sfn'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {canonicalJson, collectRefs, type StateMachineSpec} from '../../model/index.js'
import {normalizeSpec} from '../../plan/index.js'
import {pollUntil, type WaitOptions} from '../batch/wait.js'
import type {CallerArns} from '../events/caller-arns.js'
import {errorName, send, tagDelta} from '../events/step-call.js'

/*
 * State machine steps. AWS: CreateStateMachine (tags at creation), UpdateStateMachine
 * (definition, role, logging and tracing in place; the type is fixed at creation),
 * TagResource / UntagResource, DeleteStateMachine
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html).
 * Deleting is asynchronous: the machine is DELETING at once and disappears once its running
 * executions have stopped (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html),
 * which may take as long as they run, so the delete step does not wait for that; a create that
 * finds its name still DELETING waits instead.
 */

/** What every state machine step needs besides its StepContext. */
export interface SfnEnv {
  sfn: SFNClient
  arns: CallerArns
  wait: WaitOptions
}

function desiredSpec(ctx: StepContext): StateMachineSpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'sfn.stateMachine') throw new BugError(`${change.id} has no desired state machine`)
  const spec = normalizeSpec('sfn.stateMachine', change.desired.spec)
  // The desired model writes ARNs into the ASL (as AWS stores it); a link there would be sent as is.
  if (collectRefs(spec.definition).length > 0) throw new BugError(`${change.id}: the state machine definition holds {ref} links; resolve them to ARNs in the desired model`)
  return spec
}

const definitionText = (spec: StateMachineSpec): string => JSON.stringify(spec.definition)

async function status(env: SfnEnv, ctx: StepContext, arn: string): Promise<string | undefined> {
  try {
    return (await send<DescribeStateMachineOutput>(env.sfn, ctx, new DescribeStateMachineCommand({stateMachineArn: arn}))).status ?? 'ACTIVE'
  } catch (error) {
    if (errorName(error) === 'StateMachineDoesNotExist') return undefined
    throw error
  }
}

export async function createStateMachine(env: SfnEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = desiredSpec(ctx)
  const create = () =>
    send(
      env.sfn,
      ctx,
      new CreateStateMachineCommand({
        name,
        definition: definitionText(spec),
        roleArn: spec.roleArn,
        ...(spec.type === undefined ? {} : {type: spec.type}),
        ...(spec.loggingConfiguration === undefined ? {} : {loggingConfiguration: spec.loggingConfiguration as LoggingConfiguration}),
        ...(spec.tracingConfiguration === undefined ? {} : {tracingConfiguration: spec.tracingConfiguration}),
        tags: Object.entries(change.tags).map(([key, value]) => ({key, value})),
      }),
    )
  try {
    await create()
  } catch (error) {
    if (errorName(error) !== 'StateMachineAlreadyExists') throw error
    const arn = await env.arns.stateMachine(name)
    if ((await status(env, ctx, arn)) !== 'DELETING') throw error
    await pollUntil(
      async () => {
        const seen = await status(env, ctx, arn)
        if (seen === undefined) return true
        ctx.progress({type: 'waiting', for: 'the old state machine to be deleted', status: seen})
        return undefined
      },
      `state machine ${name} to be deleted`,
      ctx.signal,
      env.wait,
    )
    await create()
  }
}

/** Sends only the fields that differ (at least one does, or only tags changed), then the tags. */
export async function updateStateMachine(env: SfnEnv, ctx: StepContext): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'sfn.stateMachine') throw new BugError(`${change.id}: update step outside an update change`)
  const before = normalizeSpec('sfn.stateMachine', change.live.spec)
  const after = desiredSpec(ctx)
  const differs = (a: unknown, b: unknown) => canonicalJson(a) !== canonicalJson(b)
  const arn = change.live.arn
  const request: UpdateStateMachineInput = {stateMachineArn: arn}
  if (differs(before.definition, after.definition)) request.definition = definitionText(after)
  if (before.roleArn !== after.roleArn) request.roleArn = after.roleArn
  if (differs(before.loggingConfiguration, after.loggingConfiguration)) request.loggingConfiguration = after.loggingConfiguration as LoggingConfiguration
  if (differs(before.tracingConfiguration, after.tracingConfiguration)) request.tracingConfiguration = after.tracingConfiguration ?? {enabled: false}
  if (Object.keys(request).length > 1) await send(env.sfn, ctx, new UpdateStateMachineCommand(request))
  const {set, remove} = tagDelta(change.live.tags, change.tags)
  if (Object.keys(set).length > 0) await send(env.sfn, ctx, new TagResourceCommand({resourceArn: arn, tags: Object.entries(set).map(([key, value]) => ({key, value}))}))
  if (remove.length > 0) await send(env.sfn, ctx, new UntagResourceCommand({resourceArn: arn, tagKeys: remove}))
}

/** Marks the machine for deletion (idempotent: a machine already gone is done). */
export async function deleteStateMachine(env: SfnEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  const live = 'live' in change && change.live.physicalName === name ? change.live : undefined
  const arn = live?.arn ?? (await env.arns.stateMachine(name))
  await send(env.sfn, ctx, new DeleteStateMachineCommand({stateMachineArn: arn}))
}
