import {Cron} from 'croner'

import type {ScheduleExpression} from './schedule-expression.js'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, format)
  }
  return format
}

/**
 * Whether this is an IANA time zone name. Offsets such as `+01:00` are not; and unlike Intl,
 * AWS (Java's ZoneId) reads names case-sensitively, so `utc` or `Europe/paris` are refused.
 */
export function isTimeZone(name: string): boolean {
  if (!name.split('/').every((part) => /^[A-Z]/.test(part))) return false
  try {
    formatter(name)
    return true
  } catch {
    return false
  }
}

/** The wall-clock time of an instant in a zone, as epoch ms of that wall time read as UTC. */
export function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = Number(part.value)
  const seconds = Math.floor(instant / 1000) * 1000
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) +
    (instant - seconds)
  )
}

/**
 * The instants whose wall-clock time in the zone is `wall`: none in a spring-forward gap, two in a
 * fall-back overlap, otherwise one. Offsets a day either side cover every real transition.
 */
export function instantsAt(wall: number, timeZone: string): number[] {
  const day = 86_400_000
  const candidates = new Set<number>()
  for (const probe of [wall - day, wall + day]) candidates.add(wall - (wallClock(probe, timeZone) - probe))
  return [...candidates].filter((instant) => wallClock(instant, timeZone) === wall).sort((a, b) => a - b)
}

const crons = new Map<string, Cron>()

function cronFor(pattern: string): Cron {
  let cron = crons.get(pattern)
  if (!cron) {
    // Evaluated on a naive UTC timeline of wall-clock times; zones are applied by the caller.
    cron = new Cron(pattern, {timezone: 'UTC', mode: '7-part', domAndDow: true, alternativeWeekdays: true, sloppyRanges: true})
    crons.set(pattern, cron)
  }
  return cron
}

/** Throws when croner cannot evaluate a pattern our validator accepted (a bug to surface). */
export function checkCron(pattern: string): void {
  cronFor(pattern)
}

/**
 * The next instant strictly after `after` at which a cron expression fires in `timeZone`,
 * following EventBridge Scheduler's daylight-saving rules: a wall time skipped by the spring
 * change does not run, and a wall time repeated by the autumn change runs once (the first time).
 */
export function nextCronFire(pattern: string, after: number, timeZone: string): number | undefined {
  const cron = cronFor(pattern)
  // Start a few hours back in wall time so a repeated hour is seen from its first occurrence.
  let cursor = wallClock(after, timeZone) - 3 * 3_600_000
  for (let i = 0; i < 10_000; i++) {
    const next = cron.nextRun(new Date(cursor))
    if (!next) return undefined
    const wall = next.getTime()
    const first = instantsAt(wall, timeZone)[0]
    if (first !== undefined && first > after) return first
    cursor = wall
  }
  return undefined
}

/**
 * Next fire time of any expression strictly after `after`.
 * Rates count whole periods from `anchor`; `at` fires once at its wall time.
 */
export function nextFire(
  expression: ScheduleExpression,
  after: number,
  options: {timeZone: string; anchor: number; firstAtAnchor?: boolean},
): number | undefined {
  switch (expression.kind) {
    case 'cron':
      return nextCronFire(expression.pattern, after, options.timeZone)
    case 'rate': {
      const {anchor} = options
      const base = options.firstAtAnchor ? anchor : anchor + expression.periodMs
      if (after < base) return base
      return base + (Math.floor((after - base) / expression.periodMs) + 1) * expression.periodMs
    }
    case 'at': {
      const wall = Date.UTC(expression.year, expression.month - 1, expression.day, expression.hour, expression.minute, expression.second)
      const instants = instantsAt(wall, options.timeZone)
      // A time in a spring-forward gap runs at the same offset as just before the change.
      const at = instants[0] ?? wall - (wallClock(wall - 86_400_000, options.timeZone) - (wall - 86_400_000))
      return at > after ? at : undefined
    }
  }
}
