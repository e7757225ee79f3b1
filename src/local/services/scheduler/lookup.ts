import {notFound} from './errors.js'
import {type GroupRecord, type ScheduleRecord, type SchedulerState, scheduleKey} from './state.js'

export function findGroup(state: SchedulerState, name: string): GroupRecord {
  const group = state.groups.get(name)
  if (!group) throw notFound(`Schedule group ${name} does not exist.`)
  return group
}

export function findSchedule(state: SchedulerState, group: string, name: string): ScheduleRecord {
  findGroup(state, group)
  const schedule = state.schedules.get(scheduleKey(group, name))
  if (!schedule) throw notFound(`Schedule ${name} does not exist.`)
  return schedule
}

/** Epoch ms to the epoch seconds restJson1 timestamps use on the wire (the SDK makes Dates). */
export const wireTime = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000)
