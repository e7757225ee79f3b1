import type {Target} from '@aws-sdk/client-eventbridge'

import type {TimerHandle} from '../../clock.js'
import type {Emulator} from '../../emulator.js'
import type {TargetInvocation} from './target-invocation.js'

/** One event bus (`default` always exists). Times are epoch ms. */
export interface EventBusRecord {
  Name: string
  Arn: string
  Description?: string
  CreationTime: number
  LastModifiedTime: number
}

/** One rule as PutRule left it, with its targets in the order they were added. */
export interface RuleRecord {
  Name: string
  Arn: string
  EventBusName: string
  EventPattern?: string
  ScheduleExpression?: string
  State: 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'
  Description?: string
  RoleArn?: string
  CreatedBy: string
  /** When the current schedule started counting (rate expressions count from here). */
  scheduledSince: number
  targets: Map<string, Target>
  timer?: TimerHandle
}

/** EventBridge state of one region. */
export interface EventsState {
  region: string
  accountId: string
  emulator: Emulator
  /** By name. */
  buses: Map<string, EventBusRecord>
  /** By `<bus name>/<rule name>`. */
  rules: Map<string, RuleRecord>
  /** By resource ARN (buses and rules). */
  tags: Map<string, Map<string, string>>
  /** Every target invocation a rule made, oldest first (the call log records HTTP calls only). */
  invocations: TargetInvocation[]
}

export function eventsArn(state: Pick<EventsState, 'region' | 'accountId'>, resource: string): string {
  return `arn:aws:events:${state.region}:${state.accountId}:${resource}`
}

/** Rules on the default bus are `rule/<name>`; on other buses `rule/<bus>/<name>`. */
export function ruleArn(state: EventsState, busName: string, name: string): string {
  return eventsArn(state, busName === 'default' ? `rule/${name}` : `rule/${busName}/${name}`)
}

export function createEventsState(init: {region: string; accountId: string; emulator: Emulator}): EventsState {
  const state: EventsState = {...init, buses: new Map(), rules: new Map(), tags: new Map(), invocations: []}
  const now = init.emulator.clock.now()
  state.buses.set('default', {
    Name: 'default',
    Arn: eventsArn(state, 'event-bus/default'),
    CreationTime: now,
    LastModifiedTime: now,
  })
  return state
}

export const ruleKey = (busName: string, name: string): string => `${busName}/${name}`
