import type {Schedule} from '../config/types.generated.js'
import {scheduleExpression} from '../config/semantic/schedule-expression.js'
import {UserError} from '../errors.js'
import type {AnyResource, EventRuleSpec, InvocationTarget, Resource, ScheduleSpec} from '../model/index.js'
import {compact, type DesiredContext, entries, nameOf, ref, stringMap} from './context.js'
import {requireRole, ruleTarget, startInvocation, submitInvocation} from './invocation.js'

/**
 * The logical name of the project's one schedule group. Its physical name follows the usual
 * rule, `<project>[-<env>]-schedules` (e.g. `genomics-prod-schedules`). Schedules cannot be
 * tagged, so the group carries the ownership tags and every schedule of the project sits in it.
 */
export const SCHEDULE_GROUP = 'schedules'

/**
 * `schedules:` → one `scheduler.scheduleGroup` plus one `scheduler.schedule` per entry
 * (EventBridge Scheduler, the default), or an `events.rule` with a ScheduleExpression for
 * entries with `mode: rule` (classic rules run in UTC).
 */
export function schedules(ctx: DesiredContext): AnyResource[] {
  const all = entries(ctx.config.schedules)
  const scheduled = all.filter(([, s]) => s.mode !== 'rule')
  const out: AnyResource[] = []
  if (scheduled.length > 0) {
    const group: Resource<'scheduler.scheduleGroup'> = {
      kind: 'scheduler.scheduleGroup',
      logicalName: SCHEDULE_GROUP,
      physicalName: nameOf(ctx, SCHEDULE_GROUP),
      service: 'scheduler',
      spec: {},
      dependsOn: [],
      tags: stringMap(ctx.config.tags) ?? {},
    }
    out.push(group)
  }
  for (const [key, schedule] of all) {
    out.push(schedule.mode === 'rule' ? scheduleRule(ctx, key, schedule) : schedulerSchedule(ctx, key, schedule))
  }
  return out
}

function expressionOf(key: string, schedule: Schedule): string {
  const expression = scheduleExpression(schedule)
  if (expression === undefined) {
    throw new UserError(`Schedule "${key}" has no \`cron\`, \`rate\` or \`at\`.`, {code: 'missing-expression', hints: ['add e.g. `cron: "0 2 * * ? *"`']})
  }
  return expression
}

function target(ctx: DesiredContext, key: string, schedule: Schedule): InvocationTarget {
  const where = `Schedule "${key}"`
  if (schedule.submit) return submitInvocation(ctx, schedule.submit, where)
  if (schedule.start) return startInvocation(schedule.start)
  throw new UserError(`${where} has neither \`submit\` nor \`start\`.`, {code: 'missing-target', hints: ['add `submit: {job: ...}` or `start: {workflow: ...}`']})
}

function schedulerSchedule(ctx: DesiredContext, key: string, schedule: Schedule): Resource<'scheduler.schedule'> {
  const retry = schedule.retryPolicy
  const spec: ScheduleSpec = compact({
    group: ref('scheduler.scheduleGroup', SCHEDULE_GROUP),
    scheduleExpression: expressionOf(key, schedule),
    scheduleExpressionTimezone: schedule.timezone ?? ctx.config.defaults?.timezone,
    state: schedule.enabled === false ? ('DISABLED' as const) : ('ENABLED' as const),
    description: schedule.description,
    flexibleTimeWindow:
      schedule.flexibleWindow === undefined ? {mode: 'OFF' as const} : {mode: 'FLEXIBLE' as const, maximumWindowInMinutes: schedule.flexibleWindow},
    roleArn: requireRole(schedule.role ?? ctx.config.defaults?.scheduleRole, `Schedule "${key}"`, 'scheduleRole'),
    target: target(ctx, key, schedule),
    retryPolicy: retry ? compact({maximumEventAgeInSeconds: retry.maximumEventAgeSeconds, maximumRetryAttempts: retry.maximumRetryAttempts}) : undefined,
    deadLetterArn: schedule.deadLetterQueue,
  })
  return {
    kind: 'scheduler.schedule',
    logicalName: key,
    physicalName: nameOf(ctx, key),
    service: 'scheduler',
    spec,
    dependsOn: [],
    // Schedules take no tags; ownership comes from the group.
    tags: {},
  }
}

function scheduleRule(ctx: DesiredContext, key: string, schedule: Schedule): Resource<'events.rule'> {
  const where = `Schedule "${key}"`
  const spec: EventRuleSpec = compact({
    scheduleExpression: expressionOf(key, schedule),
    state: schedule.enabled === false ? ('DISABLED' as const) : ('ENABLED' as const),
    description: schedule.description,
    targets: [ruleTarget(ctx, schedule, requireRole(schedule.role ?? ctx.config.defaults?.scheduleRole, where, 'scheduleRole'), where)],
  })
  return {
    kind: 'events.rule',
    logicalName: key,
    physicalName: nameOf(ctx, key),
    service: 'events',
    spec,
    dependsOn: [],
    tags: stringMap(ctx.config.tags) ?? {},
  }
}
