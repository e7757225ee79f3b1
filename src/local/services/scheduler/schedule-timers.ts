import {invokeRecorded} from '../events/target-invoke.js'
import {nextFire} from '../events/next-fire.js'
import {parseScheduleExpression} from '../events/schedule-expression.js'
import {type ScheduleRecord, type SchedulerState, scheduleKey} from './state.js'
import {scheduleTargetCall} from './target-call.js'

export function disarmSchedule(state: SchedulerState, schedule: ScheduleRecord): void {
  state.emulator.clock.clearTimeout(schedule.timer)
  schedule.timer = undefined
}

/** The next invocation time strictly after `after`, within StartDate/EndDate, or undefined. */
export function nextInvocation(schedule: ScheduleRecord, after: number): number | undefined {
  const expression = parseScheduleExpression(schedule.ScheduleExpression, 'scheduler')
  if (!expression) return undefined
  // Invocations happen on or after StartDate; a rate without one starts when it was last written.
  const anchor = schedule.StartDate ?? schedule.LastModificationDate
  const from = expression.kind === 'cron' && schedule.StartDate !== undefined ? Math.max(after, schedule.StartDate - 1) : after
  const at = nextFire(expression, from, {timeZone: schedule.ScheduleExpressionTimezone, anchor, firstAtAnchor: true})
  // EventBridge Scheduler ignores EndDate for one-time schedules.
  if (at === undefined || (expression.kind !== 'at' && schedule.EndDate !== undefined && at >= schedule.EndDate)) return undefined
  return at
}

function invoke(state: SchedulerState, schedule: ScheduleRecord, at: number): void {
  const call = scheduleTargetCall(schedule, at)
  const base = {time: state.emulator.clock.now(), sourceArn: schedule.Arn, targetArn: schedule.Target.Arn!}
  if (!call) {
    state.invocations.push({
      ...base,
      service: schedule.Target.Arn!.split(':')[2] ?? 'unknown',
      operation: 'Invoke',
      request: schedule.Target.Input,
      error: 'NotEmulated: the emulator does not invoke this kind of target',
    })
    return
  }
  void invokeRecorded(state.emulator, state.invocations, {...base, ...call}, state.region)
}

/**
 * Arms an enabled schedule on the emulator clock. With a flexible time window AWS may invoke
 * anywhere in the window; the emulator invokes at its start, which is within every window.
 */
export function armSchedule(state: SchedulerState, schedule: ScheduleRecord, after?: number): void {
  disarmSchedule(state, schedule)
  if (schedule.State !== 'ENABLED') return
  const clock = state.emulator.clock
  const at = nextInvocation(schedule, after ?? clock.now())
  if (at === undefined) return
  schedule.timer = clock.setTimeout(() => {
    schedule.timer = undefined
    invoke(state, schedule, at)
    // Count from the fire time: clock.advance() may have jumped past several.
    if (nextInvocation(schedule, at) === undefined && schedule.ActionAfterCompletion === 'DELETE') {
      state.schedules.delete(scheduleKey(schedule.GroupName, schedule.Name))
      return
    }
    armSchedule(state, schedule, at)
  }, at - clock.now())
}
