import type {Target} from '@aws-sdk/client-eventbridge'

import {armRule} from './rule-timers.js'
import type {EventBusRecord, EventsState, RuleRecord} from './state.js'
import {ruleKey} from './state.js'

type SavedRule = Omit<RuleRecord, 'timer' | 'targets'> & {targets: Target[]}

/** What `--state` keeps of EventBridge: buses, rules with their targets, and tags (not the invocation log). */
export interface SavedEvents {
  buses: EventBusRecord[]
  rules: SavedRule[]
  tags: Array<[string, Array<[string, string]>]>
}

export function saveEvents(state: EventsState): SavedEvents {
  return {
    buses: [...state.buses.values()],
    rules: [...state.rules.values()].map(({timer: _timer, targets, ...rule}) => ({...rule, targets: [...targets.values()]})),
    tags: [...state.tags].map(([arn, tags]) => [arn, [...tags]]),
  }
}

/** Loads saved state and re-arms schedule rules on the (new) emulator clock. */
export function restoreEvents(state: EventsState, saved: unknown): void {
  const data = saved as Partial<SavedEvents>
  for (const bus of data.buses ?? []) state.buses.set(bus.Name, bus)
  for (const {targets, ...saved} of data.rules ?? []) {
    const rule: RuleRecord = {...saved, targets: new Map(targets.map((target) => [target.Id!, target]))}
    state.rules.set(ruleKey(rule.EventBusName, rule.Name), rule)
    armRule(state, rule)
  }
  for (const [arn, tags] of data.tags ?? []) state.tags.set(arn, new Map(tags))
}
