import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleInput,
} from '@aws-sdk/client-scheduler'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {nameFromArn, type Link, type ScheduleSpec} from '../../model/index.js'
import {normalizeSpec} from '../../plan/index.js'
import {resolveLink} from '../batch/batch-env.js'
import {resolveInvocation} from '../events/invocation.js'
import {errorName, send} from '../events/step-call.js'
import {scheduleTarget} from './schedule-target.js'
import type {SchedulerEnv} from './scheduler-env.js'

/*
 * Schedule steps. A schedule is identified by group + name and takes no tags (its group carries
 * the ownership). UpdateSchedule replaces the whole schedule — a field the request leaves out
 * goes back to its default — so create and update both send the full desired schedule
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_UpdateSchedule.html).
 * Every call takes effect when it returns: nothing to wait for.
 */

function desiredSpec(ctx: StepContext): ScheduleSpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'scheduler.schedule') throw new BugError(`${change.id} has no desired schedule`)
  return normalizeSpec('scheduler.schedule', change.desired.spec)
}

/** The group name a schedule's group link designates (after apply, for `{ref}`). */
function groupName(link: Link, ctx: StepContext): string {
  return nameFromArn(resolveLink(link, ctx))
}

async function request(env: SchedulerEnv, ctx: StepContext, name: string, spec: ScheduleSpec): Promise<CreateScheduleInput> {
  const [invoke, partition] = await Promise.all([resolveInvocation(spec.target, ctx, env.arns), env.arns.partition()])
  const window = spec.flexibleTimeWindow ?? {mode: 'OFF'}
  return {
    Name: name,
    GroupName: groupName(spec.group, ctx),
    ScheduleExpression: spec.scheduleExpression,
    ...(spec.scheduleExpressionTimezone === undefined ? {} : {ScheduleExpressionTimezone: spec.scheduleExpressionTimezone}),
    ...(spec.state === undefined ? {} : {State: spec.state}),
    ...(spec.description === undefined ? {} : {Description: spec.description}),
    FlexibleTimeWindow: {Mode: window.mode, ...(window.maximumWindowInMinutes === undefined ? {} : {MaximumWindowInMinutes: window.maximumWindowInMinutes})},
    ...(spec.startDate === undefined ? {} : {StartDate: new Date(spec.startDate)}),
    ...(spec.endDate === undefined ? {} : {EndDate: new Date(spec.endDate)}),
    Target: scheduleTarget(spec, invoke, partition),
  }
}

export async function createSchedule(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  await send(env.scheduler, ctx, new CreateScheduleCommand(await request(env, ctx, name, desiredSpec(ctx))))
}

/** The full desired schedule, whatever changed (UpdateSchedule resets anything left out). */
export async function updateSchedule(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update') throw new BugError(`${change.id}: update step outside an update change`)
  await send(env.scheduler, ctx, new UpdateScheduleCommand(await request(env, ctx, name, desiredSpec(ctx))))
}

/** Deletes from the live schedule's group; already gone (e.g. with its group) is done. */
export async function deleteSchedule(env: SchedulerEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (!('live' in change) || change.live.kind !== 'scheduler.schedule') throw new BugError(`${change.id}: delete step without a live schedule`)
  try {
    await send(env.scheduler, ctx, new DeleteScheduleCommand({Name: name, GroupName: groupName(change.live.spec.group, ctx)}))
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error
  }
}
