import type {FlexibleTimeWindow, Target} from '@aws-sdk/client-scheduler'

import type {TimerHandle} from '../../clock.js'
import type {Emulator} from '../../emulator.js'
import type {TargetInvocation} from '../events/target-invocation.js'

/** A schedule group (`default` always exists). Times are epoch ms. */
export interface GroupRecord {
  Name: string
  Arn: string
  State: 'ACTIVE' | 'DELETING'
  CreationDate: number
  LastModificationDate: number
}

/** A schedule as the last Create/UpdateSchedule left it, defaults filled in. Times are epoch ms. */
export interface ScheduleRecord {
  Name: string
  GroupName: string
  Arn: string
  ScheduleExpression: string
  ScheduleExpressionTimezone: string
  StartDate?: number
  EndDate?: number
  Description?: string
  State: 'ENABLED' | 'DISABLED'
  KmsKeyArn?: string
  Target: Target
  FlexibleTimeWindow: FlexibleTimeWindow
  ActionAfterCompletion: 'NONE' | 'DELETE'
  CreationDate: number
  LastModificationDate: number
  timer?: TimerHandle
}

/** EventBridge Scheduler state of one region. */
export interface SchedulerState {
  region: string
  accountId: string
  emulator: Emulator
  groups: Map<string, GroupRecord>
  /** By `<group>/<name>`. */
  schedules: Map<string, ScheduleRecord>
  /** Schedule-group tags by ARN (schedules take no tags). */
  tags: Map<string, Map<string, string>>
  /** Every target invocation a schedule made, oldest first. */
  invocations: TargetInvocation[]
  /** Create requests already answered, by `<operation>/<ClientToken>`: a retry gets the same answer. */
  clientTokens: Map<string, {name: string; arn: string}>
}

export const scheduleKey = (group: string, name: string): string => `${group}/${name}`

export function schedulerArn(state: Pick<SchedulerState, 'region' | 'accountId'>, resource: string): string {
  return `arn:aws:scheduler:${state.region}:${state.accountId}:${resource}`
}

export function createSchedulerState(init: {region: string; accountId: string; emulator: Emulator}): SchedulerState {
  const state: SchedulerState = {
    ...init,
    groups: new Map(),
    schedules: new Map(),
    tags: new Map(),
    invocations: [],
    clientTokens: new Map(),
  }
  const now = init.emulator.clock.now()
  state.groups.set('default', {
    Name: 'default',
    Arn: schedulerArn(state, 'schedule-group/default'),
    State: 'ACTIVE',
    CreationDate: now,
    LastModificationDate: now,
  })
  return state
}
