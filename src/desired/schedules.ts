import cronstrue from 'cronstrue'

import type {BatchConfig, Schedule} from '../config/types.generated.js'
import {nextRun, scheduleExpression, unwrap} from '../config/semantic/schedule-expression.js'
import {UserError} from '../errors.js'
import type {AnyResource, InvocationTarget, Resource, ScheduleSpec} from '../model/index.js'
import {compact, type DesiredContext, entries, nameOf, ref, stringMap} from './context.js'
import {eventRule, requireRole, startInvocation, submitInvocation} from './invocation.js'

/**
 * The logical name of the project's one schedule group. Its physical name follows the usual
 * rule, `<project>[-<env>]-schedules` (e.g. `genomics-prod-schedules`). Schedules cannot be
 * tagged, so the group carries the ownership tags and every schedule of the project sits in it.
 */
export const SCHEDULE_GROUP = 'schedules'

/**
 * `schedules:` → one `scheduler.scheduleGroup` plus one `scheduler.schedule` per entry
 * (EventBridge Scheduler, the default), or an `events.rule` with a ScheduleExpression for
 * entries with `mode: rule` (classic rules run in UTC, and cannot pass a share identifier to Batch,
 * so only Scheduler-mode schedules reach fair-share queues).
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
  return eventRule(ctx, key, schedule, {scheduleExpression: expressionOf(key, schedule)}, `Schedule "${key}"`, 'scheduleRole')
}

/** One upcoming run of a schedule: the instant, and the wall-clock time in its time zone. */
export interface ScheduleRun {
  /** ISO instant in UTC, e.g. `2026-03-30T00:30:00.000Z`. */
  utc: string
  /** Local time with its offset, e.g. `2026-03-30T02:30+02:00`. */
  local: string
}

/** What `validate` and `plan` show for a schedule: a reading of the expression and its next runs. */
export interface SchedulePreview {
  /** The expression as AWS takes it, e.g. `cron(30 2 * * ? *)`. */
  expression: string
  /** The time zone it is evaluated in (rules: always UTC). */
  timezone: string
  /** A human reading, e.g. `At 02:30 AM (Europe/Berlin)`. */
  description: string
  /** Next runs after `from`; empty for rate schedules (they count from when they are created). */
  nextRuns: ScheduleRun[]
}

/**
 * A pure preview of a schedule for the views. Cron runs follow EventBridge Scheduler's
 * daylight-saving rules: a time that does not exist when clocks go forward is skipped, and a
 * time that occurs twice when they go back runs once
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, "Daylight
 * savings time"). Rules (`mode: rule`) run in UTC.
 */
export function schedulePreview(schedule: Schedule, options: {from: Date; count?: number; defaultTimezone?: string}): SchedulePreview {
  const expression = scheduleExpression(schedule) ?? ''
  const timezone = schedule.mode === 'rule' ? 'UTC' : (schedule.timezone ?? options.defaultTimezone ?? 'UTC')
  const count = options.count ?? 5
  const zone = ` (${timezone})`
  if (schedule.cron !== undefined) {
    const fields = unwrap(schedule.cron, 'cron').split(/\s+/)
    // cronstrue reads 7 fields as seconds…year; EventBridge numbers weekdays from 1 = Sunday.
    const description = cronstrue.toString(['0', ...fields].join(' '), {dayOfWeekStartIndexZero: false, throwExceptionOnParseError: false})
    return {expression, timezone, description: description + zone, nextRuns: cronRuns(schedule.cron, timezone, options.from, count)}
  }
  if (schedule.rate !== undefined) return {expression, timezone, description: `Every ${unwrap(schedule.rate, 'rate')}`, nextRuns: []}
  const at = unwrap(schedule.at ?? '', 'at')
  const instant = wallToInstant(at, timezone)
  const nextRuns = instant !== undefined && instant > options.from ? [run(instant, timezone)] : []
  return {expression, timezone, description: `Once, at ${at.replace('T', ' ')}${zone}`, nextRuns}
}

function cronRuns(cron: string, timezone: string, from: Date, count: number): ScheduleRun[] {
  const runs: ScheduleRun[] = []
  let cursor = from
  // Bounded: an expression that only ever lands on skipped times must not loop forever.
  for (let guard = 0; runs.length < count && guard < count * 4; guard++) {
    const next = nextRun(cron, timezone, cursor)
    if (next === undefined) break
    cursor = next
    const wall = wallClock(next, timezone)
    // croner moves a time that does not exist (clocks forward) to the next hour: skip it.
    const asUtc = new Date(`${wall}:00Z`)
    if (nextRun(cron, 'UTC', new Date(asUtc.getTime() - 1000))?.getTime() !== asUtc.getTime()) continue
    // A wall time seen an hour earlier is the repeat when clocks go back: it runs once.
    if (wallClock(new Date(next.getTime() - 3_600_000), timezone) === wall) continue
    runs.push(run(next, timezone))
  }
  return runs
}

/** `yyyy-mm-ddThh:mm` in the time zone. */
function wallClock(instant: Date, timezone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'})
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

function run(instant: Date, timezone: string): ScheduleRun {
  const wall = wallClock(instant, timezone)
  const offset = Math.round((new Date(`${wall}:00Z`).getTime() - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return {utc: instant.toISOString(), local: `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`}
}

/** The instant a local `yyyy-mm-ddThh:mm:ss` means in the time zone (the earlier one when it occurs twice). */
function wallToInstant(local: string, timezone: string): Date | undefined {
  const asUtc = new Date(`${local}Z`)
  if (Number.isNaN(asUtc.getTime())) return undefined
  // Offsets are at most ±14 h: try the candidates and keep those whose wall clock matches.
  for (let hours = -14; hours <= 14; hours += 0.25) {
    const candidate = new Date(asUtc.getTime() - hours * 3_600_000)
    if (wallClock(candidate, timezone) === local.slice(0, 16)) return candidate
  }
  return undefined
}

/**
 * A preview of every schedule in batch.yaml, keyed by the id of the change that creates or
 * updates it (`scheduler.schedule/<key>`, or `events.rule/<key>` for `mode: rule`), so plan views
 * can put it under that change. Entries whose expression cannot be read are left out (validate
 * reports them).
 */
export function schedulePreviews(config: BatchConfig, options: {from: Date; count?: number}): Record<string, SchedulePreview> {
  const out: Record<string, SchedulePreview> = {}
  for (const [key, schedule] of Object.entries(config.schedules ?? {})) {
    if (schedule === undefined || scheduleExpression(schedule) === undefined) continue
    try {
      const preview = schedulePreview(schedule, {
        from: options.from,
        count: options.count ?? 3,
        ...(config.defaults?.timezone === undefined ? {} : {defaultTimezone: config.defaults.timezone}),
      })
      out[`${schedule.mode === 'rule' ? 'events.rule' : 'scheduler.schedule'}/${key}`] = preview
    } catch {
      // A malformed expression or time zone: validate says what is wrong; the preview is optional.
    }
  }
  return out
}
