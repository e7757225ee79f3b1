import {Cron} from 'croner'

/**
 * EventBridge schedule expressions: the 6-field cron form, rate expressions and one-time `at`
 * expressions, as EventBridge rules and EventBridge Scheduler accept them.
 * Reference: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 * and https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 */

/** A problem in an expression: what is wrong and what would be accepted. */
export interface ExpressionProblem {
  message: string
  expected: string
  hint?: string
}

interface FieldSpec {
  name: string
  min: number
  max: number
  names?: string[]
  /** Special characters allowed besides digits, names and `,`. */
  allows: {step: boolean; range: boolean; question: boolean; last: boolean; weekday: boolean; nth: boolean}
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
const plain = {step: true, range: true, question: false, last: false, weekday: false, nth: false}

/** The six fields in order, with the values and wildcards the EventBridge table allows. */
const FIELDS: FieldSpec[] = [
  {name: 'minutes', min: 0, max: 59, allows: plain},
  {name: 'hours', min: 0, max: 23, allows: plain},
  {name: 'day-of-month', min: 1, max: 31, allows: {step: true, range: true, question: true, last: true, weekday: true, nth: false}},
  {name: 'month', min: 1, max: 12, names: MONTHS, allows: plain},
  {name: 'day-of-week', min: 1, max: 7, names: DAYS, allows: {step: false, range: true, question: true, last: true, weekday: false, nth: true}},
  {name: 'year', min: 1970, max: 2199, allows: plain},
]

export const CRON_FORMAT = '6 fields: minutes hours day-of-month month day-of-week year, e.g. "0 2 * * ? *"'

/** Strips an optional `name(...)` wrapper: batch.yaml accepts `cron(0 2 * * ? *)` and `0 2 * * ? *`. */
export function unwrap(expression: string, name: 'cron' | 'rate' | 'at'): string {
  const trimmed = expression.trim()
  const match = new RegExp(`^${name}\\((.*)\\)$`, 's').exec(trimmed)
  return (match ? match[1]! : trimmed).trim()
}

function parseValue(token: string, spec: FieldSpec): number | undefined {
  if (/^[0-9]+$/.test(token)) return Number(token)
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1
  return index >= 0 ? index + spec.min : undefined
}

function describe(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ''
  return `${spec.min}-${spec.max}${names}`
}

/** Checks one comma-separated item of a field; returns a message when it is invalid. */
function checkItem(item: string, spec: FieldSpec): string | undefined {
  const bad = `"${item}" is not valid in the ${spec.name} field`
  const inRange = (token: string): number | string => {
    const value = parseValue(token, spec)
    if (value === undefined) return `${bad} (values: ${describe(spec)})`
    if (value < spec.min || value > spec.max) return `${token} is out of range in the ${spec.name} field (${describe(spec)})`
    return value
  }
  if (spec.allows.last && item === 'L') return undefined
  if (spec.name === 'day-of-month') {
    if (item === 'LW') return undefined
    const weekday = /^([0-9]+)W$/.exec(item)
    if (weekday) {
      const r = inRange(weekday[1]!)
      return typeof r === 'string' ? r : undefined
    }
  }
  if (spec.name === 'day-of-week') {
    const last = /^([0-9A-Za-z]+)L$/.exec(item)
    if (last) {
      const r = inRange(last[1]!)
      return typeof r === 'string' ? r : undefined
    }
    const nth = /^([0-9A-Za-z]+)#([0-9]+)$/.exec(item)
    if (nth) {
      const r = inRange(nth[1]!)
      if (typeof r === 'string') return r
      const n = Number(nth[2])
      return n >= 1 && n <= 5 ? undefined : `"${item}": the instance after # must be 1-5`
    }
  }
  let body = item
  const slash = item.indexOf('/')
  if (slash >= 0) {
    if (!spec.allows.step) return `${bad}: "/" is not allowed in the ${spec.name} field`
    const step = item.slice(slash + 1)
    if (!/^[0-9]+$/.test(step) || Number(step) < 1) return `${bad}: the increment after "/" must be a positive number`
    body = item.slice(0, slash)
  }
  if (body === '*') return undefined
  const dash = body.indexOf('-')
  if (dash >= 0) {
    const from = inRange(body.slice(0, dash))
    if (typeof from === 'string') return from
    const to = inRange(body.slice(dash + 1))
    if (typeof to === 'string') return to
    return from <= to ? undefined : `${bad}: the range runs backwards`
  }
  const value = inRange(body)
  return typeof value === 'string' ? value : undefined
}

/**
 * Validates the 6 cron fields (without or with the `cron(...)` wrapper). Returns the first
 * problem, or undefined when EventBridge would accept the expression.
 */
export function checkCron(expression: string): ExpressionProblem | undefined {
  const fields = unwrap(expression, 'cron').split(/\s+/).filter((f) => f !== '')
  if (fields.length !== 6) {
    const hint =
      fields.length === 5
        ? 'EventBridge cron has a year field and one of the day fields must be "?": e.g. "0 2 * * ? *" instead of "0 2 * * *"'
        : undefined
    return {message: `cron "${expression}" has ${fields.length} fields; EventBridge needs 6.`, expected: CRON_FORMAT, hint}
  }
  const [, , dom, , dow] = fields as [string, string, string, string, string, string]
  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i]!
    if (field === '?') {
      if (!spec.allows.question) return {message: `cron "${expression}": "?" is only allowed in day-of-month or day-of-week, not in ${spec.name}.`, expected: CRON_FORMAT}
      continue
    }
    const items = field.split(',')
    if (items.some((item) => item.includes('#')) && items.length > 1) {
      return {message: `cron "${expression}": a day-of-week with "#" must be a single expression, not "${field}".`, expected: 'one "day#n" value, e.g. "3#2" (second Tuesday)'}
    }
    for (const item of items) {
      const problem = checkItem(item, spec)
      if (problem !== undefined) return {message: `cron "${expression}": ${problem}.`, expected: `${spec.name}: ${describe(spec)} with wildcards ${wildcards(spec)}`}
    }
  }
  if ((dom === '?') === (dow === '?')) {
    return {
      message: `cron "${expression}": exactly one of day-of-month ("${dom}") and day-of-week ("${dow}") must be "?".`,
      expected: 'a value or * in one day field and ? in the other',
      hint: dom === '?' ? undefined : `e.g. "${fields.slice(0, 4).join(' ')} ? ${fields[5]}"`,
    }
  }
  if (nextRun(expression, 'UTC', new Date(Date.UTC(1970, 0, 1))) === undefined) {
    return {message: `cron "${expression}" never runs (no date matches every field).`, expected: 'a combination of fields that occurs'}
  }
  return undefined
}

function wildcards(spec: FieldSpec): string {
  const w = [',', '-', '*']
  if (spec.allows.step) w.push('/')
  if (spec.allows.question) w.push('?')
  if (spec.allows.last) w.push('L')
  if (spec.allows.weekday) w.push('W')
  if (spec.allows.nth) w.push('#')
  return w.join(' ')
}

/**
 * The next time a valid cron expression fires after `from`, in `timezone`, using croner. The
 * expression is translated to croner's 7-part form: seconds 0, `?` as `*`, weekdays numbered
 * Sunday=1 like EventBridge, day-of-month AND day-of-week (one of them is always `?`).
 */
export function nextRun(expression: string, timezone: string, from: Date): Date | undefined {
  const fields = unwrap(expression, 'cron').split(/\s+/)
  // A bare L in day-of-week is the last day of the week, Saturday (7).
  const dow = fields[4] === 'L' ? '7' : (fields[4] ?? '*')
  const pattern = ['0', fields[0], fields[1], fields[2], fields[3], dow, fields[5]].map((f) => (f === '?' ? '*' : f)).join(' ')
  try {
    const cron = new Cron(pattern, {mode: '7-part', alternativeWeekdays: true, domAndDow: true, sloppyRanges: true, timezone, paused: true})
    return cron.nextRun(from) ?? undefined
  } catch {
    return undefined
  }
}

const RATE_FORMAT = '"<n> minutes|hours|days", or "1 minute|hour|day"'

/** Validates a rate expression (`5 minutes`, `1 hour`; `rate(...)` around it is accepted). */
export function checkRate(expression: string): ExpressionProblem | undefined {
  const body = unwrap(expression, 'rate')
  const match = /^([0-9]+) +([a-z]+)$/.exec(body)
  if (!match) return {message: `rate "${expression}" is not "<value> <unit>".`, expected: RATE_FORMAT}
  const value = Number(match[1])
  const unit = match[2]!
  const singular = unit.replace(/s$/, '')
  if (!['minute', 'hour', 'day'].includes(singular)) {
    return {message: `rate "${expression}": unknown unit "${unit}".`, expected: RATE_FORMAT, hint: singular === 'second' ? 'the smallest rate is 1 minute' : undefined}
  }
  if (value < 1) return {message: `rate "${expression}": the value must be a positive number.`, expected: RATE_FORMAT}
  if (value === 1 && unit !== singular) {
    return {message: `rate "${expression}": a value of 1 takes the singular unit.`, expected: `"1 ${singular}"`, hint: `write "1 ${singular}"`}
  }
  if (value > 1 && unit === singular) {
    return {message: `rate "${expression}": a value above 1 takes the plural unit.`, expected: `"${value} ${singular}s"`, hint: `write "${value} ${singular}s"`}
  }
  return undefined
}

/** Validates a one-time expression `yyyy-mm-ddThh:mm:ss` (`at(...)` around it is accepted). */
export function checkAt(expression: string): ExpressionProblem | undefined {
  const body = unwrap(expression, 'at')
  const expected = 'yyyy-mm-ddThh:mm:ss, e.g. "2026-12-01T09:00:00" (no zone: `timezone` applies)'
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(body)
  if (!match) return {message: `at "${expression}" is not a local date and time.`, expected}
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number]
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s
  if (!same) return {message: `at "${expression}" is not a real date and time.`, expected}
  return undefined
}

/** The expression as the AWS APIs take it: `cron(...)`, `rate(...)` or `at(...)`. */
export function scheduleExpression(schedule: {cron?: string; rate?: string; at?: string}): string | undefined {
  if (schedule.cron !== undefined) return `cron(${unwrap(schedule.cron, 'cron').split(/\s+/).join(' ')})`
  if (schedule.rate !== undefined) return `rate(${unwrap(schedule.rate, 'rate').replace(/ +/g, ' ')})`
  if (schedule.at !== undefined) return `at(${unwrap(schedule.at, 'at')})`
  return undefined
}
