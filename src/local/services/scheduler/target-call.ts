import {randomUUID} from 'node:crypto'

import {camelKeys} from '../events/target-invoke.js'
import type {ScheduleRecord} from './state.js'
import {UNIVERSAL_TARGET} from './validate-schedule.js'

/** Universal-target service names that differ from the emulator's signing names. */
const SIGNING_NAMES: Record<string, string> = {sfn: 'states'}

/**
 * Fills EventBridge Scheduler's context attributes in a target's Input
 * (`<aws.scheduler.schedule-arn>`, `<aws.scheduler.scheduled-time>`, ...).
 */
export function fillContext(input: string, schedule: ScheduleRecord, scheduledTime: number, attempt = 1): string {
  const values: Record<string, string> = {
    'aws.scheduler.schedule-arn': schedule.Arn,
    'aws.scheduler.scheduled-time': new Date(scheduledTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws.scheduler.execution-id': randomUUID(),
    'aws.scheduler.attempt-number': String(attempt),
  }
  return input.replace(/<(aws\.scheduler\.[a-z-]+)>/g, (whole, name: string) => values[name] ?? whole)
}

/**
 * The call a schedule's target makes: a universal target calls the named API with its Input as
 * the request (PascalCase members, as Scheduler accepts them); a Step Functions target starts
 * an execution with Input as the execution input.
 */
export function scheduleTargetCall(
  schedule: ScheduleRecord,
  scheduledTime: number,
): {service: string; operation: string; request: unknown} | undefined {
  const arn = schedule.Target.Arn ?? ''
  const input = schedule.Target.Input === undefined ? undefined : fillContext(schedule.Target.Input, schedule, scheduledTime)
  const universal = UNIVERSAL_TARGET.exec(arn)
  if (universal) {
    const [, service = '', action = ''] = universal
    const operation = action.charAt(0).toUpperCase() + action.slice(1)
    return {service: SIGNING_NAMES[service] ?? service, operation, request: camelKeys(JSON.parse(input ?? '{}'))}
  }
  if (/^arn:aws[\w-]*:states:[^:]*:\d+:stateMachine:/.test(arn)) {
    return {service: 'states', operation: 'StartExecution', request: {stateMachineArn: arn, input: input ?? '{}'}}
  }
  return undefined
}
