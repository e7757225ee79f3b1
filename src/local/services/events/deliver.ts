import {randomUUID} from 'node:crypto'

import {targetInput} from './input-transform.js'
import type {EventsState, RuleRecord} from './state.js'
import {invokeRecorded, ruleTargetCall} from './target-invoke.js'

/** Event times are ISO 8601 to the second, as EventBridge writes them. */
export const eventTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The event a schedule rule sends its targets. */
export function scheduledEvent(state: EventsState, rule: RuleRecord, time: number): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: state.accountId,
    time: eventTime(time),
    region: state.region,
    resources: [rule.Arn],
    detail: {},
  }
}

/** Sends one event to every target of a rule; each invocation is recorded in `state.invocations`. */
export function deliver(state: EventsState, rule: RuleRecord, event: unknown): Promise<unknown> {
  const time = state.emulator.clock.now()
  const calls: Promise<unknown>[] = []
  for (const target of rule.targets.values()) {
    const input = targetInput(target, event, {ruleName: rule.Name, ruleArn: rule.Arn, time})
    const call = ruleTargetCall(target, input)
    const base = {time, sourceArn: rule.Arn, targetId: target.Id!, targetArn: target.Arn!}
    if (!call) {
      state.invocations.push({
        ...base,
        service: target.Arn!.split(':')[2] ?? 'unknown',
        operation: 'Deliver',
        request: input,
        error: 'NotEmulated: the emulator does not deliver events to this kind of target',
      })
      continue
    }
    calls.push(invokeRecorded(state.emulator, state.invocations, {...base, ...call}, state.region))
  }
  return Promise.all(calls)
}
