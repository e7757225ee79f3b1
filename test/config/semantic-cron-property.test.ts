import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {checkCron, nextRun} from '../../src/config/semantic/schedule-expression.js'

// Fields and ranges: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
describe('cron expressions (properties)', () => {
  it('accepts every fixed time of a day-of-month schedule and fires exactly then', () => {
    fc.assert(
      fc.property(fc.integer({min: 0, max: 59}), fc.integer({min: 0, max: 23}), fc.integer({min: 1, max: 28}), fc.integer({min: 1, max: 12}), (minute, hour, day, month) => {
        const cron = `${minute} ${hour} ${day} ${month} ? *`
        expect(checkCron(cron)).toBeUndefined()
        const next = nextRun(cron, 'UTC', new Date(Date.UTC(2030, 0, 1)))!
        expect([next.getUTCMinutes(), next.getUTCHours(), next.getUTCDate(), next.getUTCMonth() + 1]).toEqual([minute, hour, day, month])
      }),
      {numRuns: 200},
    )
  })

  it('numbers weekdays from Sunday = 1 to Saturday = 7', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 7}), fc.integer({min: 0, max: 23}), (weekday, hour) => {
        const cron = `0 ${hour} ? * ${weekday} *`
        expect(checkCron(cron)).toBeUndefined()
        const next = nextRun(cron, 'UTC', new Date(Date.UTC(2030, 0, 1)))!
        expect(next.getUTCDay() + 1).toBe(weekday)
        expect(next.getUTCHours()).toBe(hour)
      }),
    )
  })

  it('rejects any value just outside a field\'s range', () => {
    const fields: Array<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [1, 7], [1970, 2199]]
    const valid = ['0', '2', '1', '*', '?', '*']
    fc.assert(
      fc.property(fc.integer({min: 0, max: 5}), fc.boolean(), (field, above) => {
        const [min, max] = fields[field]!
        const parts = [...valid]
        parts[field] = String(above ? max + 1 : min - 1)
        // Keep exactly one "?" day field: a value in day-of-week needs "?" in day-of-month.
        if (field === 4) parts[2] = '?'
        if (min - 1 < 0 && !above) return // "-1" is a range, tested separately
        expect(checkCron(parts.join(' '))?.message).toContain('out of range')
      }),
    )
  })
})
