import {armSchedule} from './schedule-timers.js'
import type {GroupRecord, ScheduleRecord, SchedulerState} from './state.js'
import {scheduleKey} from './state.js'

/** What `--state` keeps of Scheduler: groups, schedules and group tags (not the invocation log). */
export interface SavedScheduler {
  groups: GroupRecord[]
  schedules: Array<Omit<ScheduleRecord, 'timer'>>
  tags: Array<[string, Array<[string, string]>]>
}

export function saveScheduler(state: SchedulerState): SavedScheduler {
  return {
    groups: [...state.groups.values()],
    schedules: [...state.schedules.values()].map(({timer: _timer, ...schedule}) => schedule),
    tags: [...state.tags].map(([arn, tags]) => [arn, [...tags]]),
  }
}

/** Loads saved state and re-arms enabled schedules on the (new) emulator clock. */
export function restoreScheduler(state: SchedulerState, saved: unknown): void {
  const data = saved as Partial<SavedScheduler>
  // A group that was being deleted has finished by the time the emulator starts again.
  for (const group of data.groups ?? []) if (group.State !== 'DELETING') state.groups.set(group.Name, group)
  for (const saved of data.schedules ?? []) {
    const schedule: ScheduleRecord = {...saved}
    state.schedules.set(scheduleKey(schedule.GroupName, schedule.Name), schedule)
    armSchedule(state, schedule)
  }
  for (const [arn, tags] of data.tags ?? []) state.tags.set(arn, new Map(tags))
}
