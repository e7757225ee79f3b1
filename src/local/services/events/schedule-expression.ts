/**
 * EventBridge schedule expressions (`cron(...)`, `rate(...)`, and for EventBridge Scheduler
 * `at(...)`), parsed and validated the way EventBridge does: six cron fields with `?` in exactly
 * one of day-of-month and day-of-week, Quartz-style day-of-week numbers (1 = SUN), a year field
 * 1970-2199, and rate units that must be singular for 1 and plural otherwise.
 */
export type ScheduleExpression =
  | {kind: 'rate'; value: number; unit: 'minute' | 'hour' | 'day'; periodMs: number}
  /** `pattern` is the equivalent 7-part croner pattern (seconds first, year last). */
  | {kind: 'cron'; fields: string[]; pattern: string}
  /** Wall-clock time, read in the schedule's time zone. */
  | {kind: 'at'; year: number; month: number; day: number; hour: number; minute: number; second: number}

const UNIT_MS = {minute: 60_000, hour: 3_600_000, day: 86_400_000} as const

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  min: number
  max: number
  names?: string[]
  /** Extra single-item forms this field allows besides numbers, ranges, steps and `*`. */
  special?: RegExp
  question?: boolean
  /** Largest increment after a slash: Quartz, like EventBridge, refuses a step of 60 minutes or 24 hours. */
  step?: number
}

const FIELDS: FieldSpec[] = [
  {min: 0, max: 59, step: 59},
  {min: 0, max: 23, step: 23},
  {min: 1, max: 31, question: true, step: 31, special: /^(L|([1-9]|[12]\d|3[01])W)$/},
  {min: 1, max: 12, names: MONTHS, step: 12},
  // `L` (Saturday), `<day>L` (last <day> of the month) and `<day>#<n>` (n-th <day>).
  {min: 1, max: 7, names: DAYS, question: true, special: /^(L|[1-7]L|[1-7]#[1-5]|(SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/},
  {min: 1970, max: 2199, step: 229},
]

function value(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return named + spec.min
  if (!/^\d+$/.test(text)) return undefined
  const n = Number(text)
  return n >= spec.min && n <= spec.max ? n : undefined
}

function validItem(item: string, spec: FieldSpec): boolean {
  if (item === '*') return true
  if (spec.special?.test(item.toUpperCase())) return true
  const [base = '', step, ...rest] = item.split('/')
  if (rest.length > 0) return false
  if (step !== undefined) {
    if (!spec.step || !/^\d+$/.test(step) || Number(step) < 1 || Number(step) > spec.step) return false
    if (base === '*') return true
  }
  const [from = '', to, ...more] = base.split('-')
  if (more.length > 0) return false
  const start = value(from, spec)
  if (start === undefined) return false
  if (to === undefined) return true
  const end = value(to, spec)
  return end !== undefined && end >= start
}

function validField(field: string, spec: FieldSpec): boolean {
  if (field === '?') return spec.question === true
  const items = field.split(',')
  // `#` names a single occurrence: EventBridge rejects lists such as `3#1,6#3`.
  if (items.length > 1 && field.includes('#')) return false
  return items.every((item) => item !== '' && validItem(item, spec))
}

/** Day-of-week as croner reads it in Quartz mode (1 = SUN): names kept, bare `L` is Saturday. */
function cronerDayOfWeek(field: string): string {
  return field === 'L' ? '7' : field
}

function parseCron(body: string): ScheduleExpression | undefined {
  const fields = body.trim().split(/\s+/)
  if (fields.length !== 6) return undefined
  if (!fields.every((field, i) => validField(field, FIELDS[i]!))) return undefined
  const [minute, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string]
  // Exactly one of day-of-month and day-of-week must be `?`.
  if ((dom === '?') === (dow === '?')) return undefined
  const pattern = ['0', minute, hour, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : cronerDayOfWeek(dow), year].join(' ')
  return {kind: 'cron', fields, pattern}
}

/**
 * EventBridge rules want the singular unit for 1 and the plural otherwise (`rate(1 hour)`,
 * `rate(5 hours)`). EventBridge Scheduler's API reference lists `minute | minutes | hour | hours |
 * day | days` without that rule (its user guide shows the plural only), so both forms pass there.
 */
function parseRate(body: string, flavor: Flavor): ScheduleExpression | undefined {
  const match = /^(\d+) (minute|minutes|hour|hours|day|days)$/.exec(body.trim())
  if (!match) return undefined
  const value = Number(match[1])
  const word = match[2]!
  const plural = word.endsWith('s')
  if (value < 1) return undefined
  if (flavor === 'rules' && (value === 1) === plural) return undefined
  const unit = (plural ? word.slice(0, -1) : word) as 'minute' | 'hour' | 'day'
  return {kind: 'rate', value, unit, periodMs: value * UNIT_MS[unit]}
}

function parseAt(body: string): ScheduleExpression | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body)
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  // Reject dates that roll over (2026-02-30) or out-of-range times.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined
  }
  return {kind: 'at', year, month, day, hour, minute, second}
}

/** Whose rules apply: EventBridge rules (`PutRule`) or EventBridge Scheduler (`CreateSchedule`). */
export type Flavor = 'rules' | 'scheduler'

/**
 * Parses an expression, or returns undefined when the service would reject it.
 * `at(...)` exists only in EventBridge Scheduler.
 */
export function parseScheduleExpression(text: string, flavor: Flavor = 'rules'): ScheduleExpression | undefined {
  const match = /^(cron|rate|at)\((.*)\)$/s.exec(text)
  if (!match) return undefined
  const [, kind, body = ''] = match
  if (kind === 'cron') return parseCron(body)
  if (kind === 'rate') return parseRate(body, flavor)
  return flavor === 'scheduler' ? parseAt(body) : undefined
}
