import {deliver, scheduledEvent} from './deliver.js'
import {nextFire} from './next-fire.js'
import {parseScheduleExpression} from './schedule-expression.js'
import type {EventsState, RuleRecord} from './state.js'

/** Cancels a rule's pending schedule, if any. */
export function disarmRule(state: EventsState, rule: RuleRecord): void {
  state.emulator.clock.clearTimeout(rule.timer)
  rule.timer = undefined
}

/**
 * (Re)arms an enabled schedule rule on the emulator clock. Rule schedules are in UTC; a rate
 * counts whole periods from when the rule got its schedule.
 */
export function armRule(state: EventsState, rule: RuleRecord, after?: number): void {
  disarmRule(state, rule)
  if (rule.State === 'DISABLED' || !rule.ScheduleExpression) return
  const expression = parseScheduleExpression(rule.ScheduleExpression)
  if (!expression) return
  const clock = state.emulator.clock
  // After a fire, count from the fire time: clock.advance() may have jumped past several.
  const at = nextFire(expression, after ?? clock.now(), {timeZone: 'UTC', anchor: rule.scheduledSince})
  if (at === undefined) return
  rule.timer = clock.setTimeout(() => {
    rule.timer = undefined
    void deliver(state, rule, scheduledEvent(state, rule, at))
    armRule(state, rule, at)
  }, at - clock.now())
}
