import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {nextCronFire, wallClock} from '../../src/local/services/events/next-fire.js'
import {parseScheduleExpression} from '../../src/local/services/events/schedule-expression.js'

/**
 * Property test of cron evaluation against a brute-force oracle that walks every minute and reads
 * the wall clock with Intl: the next fire time is the first minute whose wall time matches the
 * fields, skipping wall times a spring change removes and the second pass of a repeated hour.
 */
// AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html (daylight saving time)
// AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html (fields, 1 = SUN)

const MINUTE = 60_000
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

/** A small field: `*`, a value, a list, a range or a step. */
const field = (min: number, max: number) =>
  fc.oneof(
    {arbitrary: fc.constant('*'), weight: 3},
    fc.integer({min, max}).map(String),
    fc.uniqueArray(fc.integer({min, max}), {minLength: 2, maxLength: 3}).map((values) => values.join(',')),
    fc.tuple(fc.integer({min, max}), fc.integer({min, max})).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(fc.integer({min, max}), fc.integer({min: 1, max: Math.min(30, max)})).map(([a, step]) => `${a}/${step}`),
  )

const dayOfWeek = fc.oneof(
  fc.integer({min: 1, max: 7}).map(String),
  fc.integer({min: 0, max: 6}).map((i) => DAYS[i]!),
  fc.tuple(fc.integer({min: 1, max: 7}), fc.integer({min: 1, max: 7})).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
)

const cron = fc
  .tuple(field(0, 59), field(0, 23), fc.boolean(), field(1, 28), dayOfWeek)
  .map(([minute, hour, byDay, dom, dow]) => (byDay ? [minute, hour, dom, '*', '?', '*'] : [minute, hour, '?', '*', dow, '*']))

/** Zones with the 2026 instants of their daylight-saving changes (both directions), and zones without. */
const CHANGES: Array<[string, string]> = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['Europe/London', '2026-03-29T01:00:00Z'],
  ['Europe/London', '2026-10-25T01:00:00Z'],
  ['Australia/Sydney', '2026-04-04T16:00:00Z'],
  ['Australia/Sydney', '2026-10-03T16:00:00Z'],
  ['America/St_Johns', '2026-03-08T05:30:00Z'],
  ['America/St_Johns', '2026-11-01T04:30:00Z'],
  ['Asia/Kolkata', '2026-06-15T12:00:00Z'],
  ['UTC', '2026-06-15T12:00:00Z'],
]
const zoneAndInstant = fc.constantFrom(...CHANGES).map(([zone, iso]) => [zone, Date.parse(iso)] as const)

function matches(fieldText: string, value: number, names?: string[]): boolean {
  if (fieldText === '*' || fieldText === '?') return true
  return fieldText.split(',').some((item) => {
    const number = (text: string) => (names && names.includes(text) ? names.indexOf(text) + 1 : Number(text))
    if (item.includes('/')) {
      const [start, step] = item.split('/').map(Number) as [number, number]
      return value >= start && (value - start) % step === 0
    }
    if (item.includes('-')) {
      const [a, b] = item.split('-').map(number) as [number, number]
      return value >= a && value <= b
    }
    return number(item) === value
  })
}

function wallMatches(fields: string[], wall: number): boolean {
  const date = new Date(wall)
  const [minute, hour, dom, , dow] = fields as [string, string, string, string, string]
  return (
    matches(minute, date.getUTCMinutes()) &&
    matches(hour, date.getUTCHours()) &&
    matches(dom, date.getUTCDate()) &&
    matches(dow, date.getUTCDay() + 1, DAYS)
  )
}

function oracle(fields: string[], after: number, zone: string): number | undefined {
  for (let t = Math.floor(after / MINUTE) * MINUTE + MINUTE; t < after + 40 * 24 * 60 * MINUTE; t += MINUTE) {
    const wall = wallClock(t, zone)
    if (!wallMatches(fields, wall)) continue
    // The second pass of a repeated wall time (30- or 60-minute changes) does not run again.
    const repeated = [30, 60].some((back) => wallClock(t - back * MINUTE, zone) === wall)
    if (!repeated) return t
  }
  return undefined
}

describe('cron next-fire evaluation', () => {
  it('agrees with a minute-by-minute oracle in zones with and without daylight saving', () => {
    fc.assert(
      fc.property(cron, zoneAndInstant, fc.integer({min: -150, max: 90}), (fields, [zone, near], shift) => {
        const expression = parseScheduleExpression(`cron(${fields.join(' ')})`)
        expect(expression?.kind).toBe('cron')
        const after = near + shift * MINUTE + 17_000
        const expected = oracle(fields, after, zone)
        const actual = nextCronFire((expression as {pattern: string}).pattern, after, zone)
        expect(actual === undefined ? 'none' : new Date(actual).toISOString()).toBe(expected === undefined ? 'none' : new Date(expected).toISOString())
      }),
      {numRuns: 80},
    )
  })
})
