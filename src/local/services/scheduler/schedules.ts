import type {CreateScheduleInput} from '@aws-sdk/client-scheduler'

import type {RequestContext} from '../../service.js'
import {checkEnum, checkLength, checkPattern, checkRange, page} from '../events/validate.js'
import {conflict} from './errors.js'
import {invalidToken} from './groups.js'
import {findGroup, findSchedule, wireTime} from './lookup.js'
import {armSchedule, disarmSchedule} from './schedule-timers.js'
import {type ScheduleRecord, type SchedulerState, scheduleKey, schedulerArn} from './state.js'
import {checkName, NAME_PATTERN, NAME_SHOWN, scheduleFields} from './validate-schedule.js'

type Ctx = RequestContext<SchedulerState>

function groupOf(state: SchedulerState, group: unknown): string {
  const name = group === undefined ? 'default' : checkName(group, 'groupName')
  findGroup(state, name)
  return name
}

/** A group being deleted takes no new schedules. */
function liveGroupOf(state: SchedulerState, group: unknown): string {
  const name = groupOf(state, group)
  if (state.groups.get(name)?.State === 'DELETING') throw conflict(`Schedule group ${name} is being deleted.`)
  return name
}

function view(schedule: ScheduleRecord) {
  return {
    Arn: schedule.Arn,
    GroupName: schedule.GroupName,
    Name: schedule.Name,
    ScheduleExpression: schedule.ScheduleExpression,
    ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
    StartDate: wireTime(schedule.StartDate),
    EndDate: wireTime(schedule.EndDate),
    Description: schedule.Description,
    State: schedule.State,
    KmsKeyArn: schedule.KmsKeyArn,
    Target: schedule.Target,
    FlexibleTimeWindow: schedule.FlexibleTimeWindow,
    ActionAfterCompletion: schedule.ActionAfterCompletion,
    CreationDate: wireTime(schedule.CreationDate),
    LastModificationDate: wireTime(schedule.LastModificationDate),
  }
}

/** Arms a freshly written schedule; a rate without StartDate invokes at once, so count from just before now. */
function arm(state: SchedulerState, schedule: ScheduleRecord, now: number): void {
  armSchedule(state, schedule, now - 1)
}

export const scheduleHandlers = {
  CreateSchedule(input: CreateScheduleInput, {state, clock}: Ctx) {
    const name = checkName(input.Name, 'name')
    // The SDK sends a ClientToken and keeps it across retries: a retried create is not a conflict.
    const replay = input.ClientToken ? state.clientTokens.get(`CreateSchedule/${input.ClientToken}`) : undefined
    if (replay?.name === name && [...state.schedules.values()].some((s) => s.Arn === replay.arn)) return {ScheduleArn: replay.arn}
    const group = liveGroupOf(state, input.GroupName)
    const now = clock.now()
    const fields = scheduleFields(input, now)
    const key = scheduleKey(group, name)
    if (state.schedules.has(key)) throw conflict(`Schedule ${name} already exists.`)
    const schedule: ScheduleRecord = {
      Name: name,
      GroupName: group,
      Arn: schedulerArn(state, `schedule/${group}/${name}`),
      ...fields,
      CreationDate: now,
      LastModificationDate: now,
    }
    state.schedules.set(key, schedule)
    if (input.ClientToken) state.clientTokens.set(`CreateSchedule/${input.ClientToken}`, {name, arn: schedule.Arn})
    arm(state, schedule, now)
    return {ScheduleArn: schedule.Arn}
  },

  GetSchedule(input: {Name?: string; GroupName?: string}, {state}: Ctx) {
    const name = checkName(input.Name, 'name')
    return view(findSchedule(state, groupOf(state, input.GroupName), name))
  },

  /** Replaces the whole schedule: fields the request omits go back to their defaults. */
  UpdateSchedule(input: CreateScheduleInput, {state, clock}: Ctx) {
    const name = checkName(input.Name, 'name')
    const existing = findSchedule(state, groupOf(state, input.GroupName), name)
    const now = clock.now()
    const fields = scheduleFields(input, now)
    disarmSchedule(state, existing)
    const schedule: ScheduleRecord = {
      Name: existing.Name,
      GroupName: existing.GroupName,
      Arn: existing.Arn,
      ...fields,
      CreationDate: existing.CreationDate,
      LastModificationDate: now,
    }
    state.schedules.set(scheduleKey(schedule.GroupName, name), schedule)
    arm(state, schedule, now)
    return {ScheduleArn: schedule.Arn}
  },

  DeleteSchedule(input: {Name?: string; GroupName?: string}, {state}: Ctx) {
    const name = checkName(input.Name, 'name')
    const schedule = findSchedule(state, groupOf(state, input.GroupName), name)
    disarmSchedule(state, schedule)
    state.schedules.delete(scheduleKey(schedule.GroupName, name))
    return {}
  },

  ListSchedules(
    input: {GroupName?: string; NamePrefix?: string; State?: string; NextToken?: string; MaxResults?: number},
    {state}: Ctx,
  ) {
    checkRange(input.MaxResults, 'maxResults', 1, 100)
    checkEnum(input.State, 'state', ['ENABLED', 'DISABLED'])
    checkLength(input.NamePrefix, 'namePrefix', 1, 64)
    // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_ListSchedules.html
    // (GroupName and NamePrefix: 1-64 characters of [0-9a-zA-Z-_.]).
    if (input.GroupName !== undefined) checkName(input.GroupName, 'groupName')
    checkPattern(input.NamePrefix, 'namePrefix', NAME_PATTERN, NAME_SHOWN)
    const schedules = [...state.schedules.values()]
      .filter(
        (s) =>
          (input.GroupName === undefined || s.GroupName === input.GroupName) &&
          s.Name.startsWith(input.NamePrefix ?? '') &&
          (input.State === undefined || s.State === input.State),
      )
      .sort((a, b) => (scheduleKey(a.GroupName, a.Name) < scheduleKey(b.GroupName, b.Name) ? -1 : 1))
    const {items, next} = page(schedules, input.NextToken, input.MaxResults ?? 100, invalidToken)
    return {
      Schedules: items.map((s) => ({
        Arn: s.Arn,
        Name: s.Name,
        GroupName: s.GroupName,
        State: s.State,
        CreationDate: wireTime(s.CreationDate),
        LastModificationDate: wireTime(s.LastModificationDate),
        Target: {Arn: s.Target.Arn},
      })),
      NextToken: next,
    }
  },
}
