import {
  CreateScheduleGroupCommand,
  DeleteScheduleGroupCommand,
  GetScheduleGroupCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type GetScheduleGroupOutput,
} from '@aws-sdk/client-scheduler'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {pollUntil} from '../batch/wait.js'
import {errorName, send, tagDelta, tagList} from '../events/step-call.js'
import type {SchedulerEnv} from './scheduler-env.js'

/*
 * Schedule group steps. A group has no settings, only a name and tags, and it carries the
 * ownership tags of its schedules (which cannot be tagged). Deleting a group deletes its
 * schedules; the group stays DELETING for a while and its name is not free until it is gone
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_DeleteScheduleGroup.html).
 */

/** The group's state, or undefined once AWS no longer knows it. */
async function groupState(env: SchedulerEnv, ctx: StepContext, name: string): Promise<string | undefined> {
  try {
    const out = await send<GetScheduleGroupOutput>(env.scheduler, ctx, new GetScheduleGroupCommand({Name: name}))
    return out.State ?? 'ACTIVE'
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return undefined
    throw error
  }
}

async function waitGone(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  await pollUntil(
    async () => {
      const state = await groupState(env, ctx, name)
      if (state === undefined) return true
      ctx.progress({type: 'waiting', for: 'deleted', status: state})
      return undefined
    },
    `schedule group ${name} to be deleted`,
    ctx.signal,
    env.wait,
  )
}

/** Creates the group with every tag; a group of that name still DELETING is waited out first. */
export async function createScheduleGroup(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action === 'delete') throw new BugError('create step in a delete change')
  const create = () => send(env.scheduler, ctx, new CreateScheduleGroupCommand({Name: name, Tags: tagList(change.tags)}))
  try {
    await create()
  } catch (error) {
    if (errorName(error) !== 'ConflictException' || (await groupState(env, ctx, name)) !== 'DELETING') throw error
    await waitGone(env, ctx, name)
    await create()
  }
}

/** Only tags can change (the ownership tags among them). */
export async function updateScheduleGroup(env: SchedulerEnv, ctx: StepContext): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'scheduler.scheduleGroup') throw new BugError(`${change.id}: update step outside an update change`)
  const {set, remove} = tagDelta(change.live.tags, change.tags)
  if (Object.keys(set).length > 0) await send(env.scheduler, ctx, new TagResourceCommand({ResourceArn: change.live.arn, Tags: tagList(set)}))
  if (remove.length > 0) await send(env.scheduler, ctx, new UntagResourceCommand({ResourceArn: change.live.arn, TagKeys: remove}))
}

/** Deletes the group (and any schedule still in it) and waits until its name is free. */
export async function deleteScheduleGroup(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  try {
    await send(env.scheduler, ctx, new DeleteScheduleGroupCommand({Name: name}))
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return
    throw error
  }
  await waitGone(env, ctx, name)
}
