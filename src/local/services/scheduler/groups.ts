import type {Tag} from '@aws-sdk/client-scheduler'

import type {RequestContext} from '../../service.js'
import {checkLength, checkPattern, checkRange, page} from '../events/validate.js'
import {conflict, schedulerError, validation} from './errors.js'
import {findGroup, wireTime} from './lookup.js'
import {disarmSchedule} from './schedule-timers.js'
import {schedulerOptions} from './options.js'
import {type GroupRecord, type SchedulerState, schedulerArn} from './state.js'
import {checkTags, setTags} from './tags.js'
import {checkName, NAME_PATTERN, NAME_SHOWN} from './validate-schedule.js'

type Ctx = RequestContext<SchedulerState>

/** EventBridge Scheduler's quota of schedule groups per account and region (default included). */
const MAX_GROUPS = 500

export const invalidToken = () => validation('Invalid NextToken.')

function view(group: GroupRecord) {
  return {
    Arn: group.Arn,
    Name: group.Name,
    State: group.State,
    CreationDate: wireTime(group.CreationDate),
    LastModificationDate: wireTime(group.LastModificationDate),
  }
}

export const groupHandlers = {
  CreateScheduleGroup(input: {Name?: string; Tags?: Tag[]; ClientToken?: string}, {state, clock}: Ctx) {
    const name = checkName(input.Name, 'name')
    const tags = checkTags(input.Tags)
    // A retried create (same ClientToken) gets the first answer instead of a conflict.
    const replay = input.ClientToken ? state.clientTokens.get(`CreateScheduleGroup/${input.ClientToken}`) : undefined
    if (replay?.name === name && state.groups.get(name)?.Arn === replay.arn) return {ScheduleGroupArn: replay.arn}
    if (state.groups.has(name)) throw conflict(`Schedule group ${name} already exists.`)
    if (state.groups.size >= MAX_GROUPS) {
      throw schedulerError('ServiceQuotaExceededException', 402, 'The request exceeds a service quota: schedule groups per account.')
    }
    const now = clock.now()
    const group: GroupRecord = {
      Name: name,
      Arn: schedulerArn(state, `schedule-group/${name}`),
      State: 'ACTIVE',
      CreationDate: now,
      LastModificationDate: now,
    }
    state.groups.set(name, group)
    if (input.ClientToken) state.clientTokens.set(`CreateScheduleGroup/${input.ClientToken}`, {name, arn: group.Arn})
    setTags(state, group.Arn, tags)
    return {ScheduleGroupArn: group.Arn}
  },

  GetScheduleGroup(input: {Name?: string}, {state}: Ctx) {
    return view(findGroup(state, checkName(input.Name, 'name')))
  },

  ListScheduleGroups(input: {NamePrefix?: string; NextToken?: string; MaxResults?: number}, {state}: Ctx) {
    checkRange(input.MaxResults, 'maxResults', 1, 100)
    checkLength(input.NamePrefix, 'namePrefix', 1, 64)
    // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_ListScheduleGroups.html (NamePrefix pattern).
    checkPattern(input.NamePrefix, 'namePrefix', NAME_PATTERN, NAME_SHOWN)
    const groups = [...state.groups.values()]
      .filter((group) => group.Name.startsWith(input.NamePrefix ?? ''))
      .sort((a, b) => (a.Name < b.Name ? -1 : 1))
    const {items, next} = page(groups, input.NextToken, input.MaxResults ?? 100, invalidToken)
    return {ScheduleGroups: items.map(view), NextToken: next}
  },

  /**
   * Deleting a group deletes its schedules with it. The group stays DELETING for a while (its
   * name cannot be reused until it is gone), as in AWS; the default group cannot be deleted.
   */
  DeleteScheduleGroup(input: {Name?: string}, {state, clock, emulator}: Ctx) {
    const name = checkName(input.Name, 'name')
    if (name === 'default') throw validation('Deleting the default schedule group is not allowed.')
    const group = findGroup(state, name)
    if (group.State === 'DELETING') return {}
    for (const [key, schedule] of state.schedules) {
      if (schedule.GroupName !== name) continue
      disarmSchedule(state, schedule)
      state.schedules.delete(key)
    }
    group.State = 'DELETING'
    group.LastModificationDate = clock.now()
    clock.setTimeout(() => {
      if (state.groups.get(name) !== group) return
      state.groups.delete(name)
      state.tags.delete(group.Arn)
    }, schedulerOptions(emulator).groupDeletionMs)
    return {}
  },
}
