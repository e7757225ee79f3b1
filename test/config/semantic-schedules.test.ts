import {describe, expect, it} from 'vitest'

import {scheduleExpression} from '../../src/config/semantic/index.js'
import {checkWithRoles as checkSemantics} from './with-roles.js'
import {checkAt, checkCron, checkRate, nextRun} from '../../src/config/semantic/schedule-expression.js'
import type {BatchConfig, Schedule} from '../../src/config/types.generated.js'

// Cron fields, wildcards and the "?" rule: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
// rate/at forms and time zones: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html

describe('cron expressions', () => {
  it.each([
    '0 2 * * ? *',
    'cron(0 2 * * ? *)',
    '0 10 ? * MON-FRI *',
    '0/15 * * * ? *',
    '5,35 14 * * ? *',
    '0 18 ? * 2-6 *',
    '0 8 L * ? *',
    '0 8 LW * ? *',
    '0 8 15W * ? *',
    '0 8 ? * 6L *',
    '0 8 ? * 3#2 *',
    '0 8 ? * L *',
    '0 0 1 JAN-MAR ? 2026-2030',
    '0 8 1 jan ? *',
  ])('accepts %s', (cron) => {
    expect(checkCron(cron)).toBeUndefined()
  })

  it.each([
    ['0 2 * * *', 'has 5 fields'],
    ['0 2 * * ? * *', 'has 7 fields'],
    ['0 2 * * * *', 'exactly one of day-of-month ("*") and day-of-week ("*") must be "?"'],
    ['0 2 ? * ? *', 'exactly one of day-of-month'],
    ['0 2 1 * MON *', 'exactly one of day-of-month'],
    ['60 2 * * ? *', '60 is out of range in the minutes field (0-59)'],
    ['0 24 * * ? *', '24 is out of range in the hours field'],
    ['0 2 0 * ? *', '0 is out of range in the day-of-month field'],
    ['0 2 ? * 8 *', '8 is out of range in the day-of-week field'],
    ['0 2 ? * 0 *', '0 is out of range in the day-of-week field'],
    ['0 2 * 13 ? *', '13 is out of range in the month field'],
    ['0 2 * * ? 2200', '2200 is out of range in the year field'],
    ['? 2 * * ? *', '"?" is only allowed in day-of-month or day-of-week'],
    ['0 2 ? * MON/2 *', '"/" is not allowed in the day-of-week field'],
    ['0 2 ? * 3#2,5#1 *', 'must be a single expression'],
    ['0 2 ? * 3#6 *', 'the instance after # must be 1-5'],
    ['0 2 15L * ? *', '"15L" is not valid in the day-of-month field'],
    ['0 2 * * ? FOO', '"FOO" is not valid in the year field'],
    ['30-10 2 * * ? *', 'the range runs backwards'],
    ['*/0 2 * * ? *', 'the increment after "/" must be a positive number'],
    ['0 2 30 2 ? *', 'never runs'],
  ])('rejects %s', (cron, message) => {
    expect(checkCron(cron)?.message).toContain(message)
  })

  it('hints at the EventBridge form when given Unix 5-field cron', () => {
    expect(checkCron('0 2 * * *')?.hint).toContain('"0 2 * * ? *"')
  })

  it('computes the next run in the schedule\'s time zone (Sunday = 1 as in EventBridge)', () => {
    const from = new Date('2026-01-05T12:00:00Z') // a Monday
    expect(nextRun('0 2 * * ? *', 'Europe/Berlin', from)?.toISOString()).toBe('2026-01-06T01:00:00.000Z')
    expect(nextRun('0 9 ? * 1 *', 'UTC', from)?.toISOString()).toBe('2026-01-11T09:00:00.000Z') // Sunday 11th
    expect(nextRun('0 9 ? * 3#2 *', 'UTC', from)?.toISOString()).toBe('2026-01-13T09:00:00.000Z') // 2nd Tuesday
  })
})

describe('rate expressions', () => {
  it.each(['1 minute', '5 minutes', '1 hour', '12 hours', '1 day', '7 days', 'rate(15 minutes)'])('accepts %s', (rate) => {
    expect(checkRate(rate)).toBeUndefined()
  })
  it.each([
    ['1 minutes', 'a value of 1 takes the singular unit'],
    ['5 minute', 'a value above 1 takes the plural unit'],
    ['0 hours', 'must be a positive number'],
    ['30 seconds', 'unknown unit "seconds"'],
    ['every 5 minutes', 'is not "<value> <unit>"'],
    ['5minutes', 'is not "<value> <unit>"'],
  ])('rejects %s', (rate, message) => {
    expect(checkRate(rate)?.message).toContain(message)
  })
})

describe('at expressions', () => {
  it('accepts a real local date and time, with or without at(...)', () => {
    expect(checkAt('2026-12-01T09:00:00')).toBeUndefined()
    expect(checkAt('at(2028-02-29T23:59:59)')).toBeUndefined()
  })
  it.each(['2026-02-30T09:00:00', '2026-12-01T24:00:00', '2026-12-01 09:00:00', '2026-12-01T09:00:00Z', '2026-12-01'])('rejects %s', (at) => {
    expect(checkAt(at)).toBeDefined()
  })
})

describe('scheduleExpression', () => {
  it('produces the AWS form from any accepted spelling', () => {
    expect(scheduleExpression({cron: '0  2 * * ? *'})).toBe('cron(0 2 * * ? *)')
    expect(scheduleExpression({cron: 'cron(0 2 * * ? *)'})).toBe('cron(0 2 * * ? *)')
    expect(scheduleExpression({rate: '5 minutes'})).toBe('rate(5 minutes)')
    expect(scheduleExpression({at: '2026-12-01T09:00:00'})).toBe('at(2026-12-01T09:00:00)')
  })
})

function withSchedule(schedule: Omit<Schedule, 'submit'>, defaults: BatchConfig['defaults'] = {}): BatchConfig {
  return {
    project: 'p',
    defaults,
    computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 16}},
    jobQueues: {q: {priority: 1, computeEnvironments: ['spot']}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    schedules: {s: {...schedule, submit: {job: 'j', queue: 'q'}}},
  }
}
const check = (schedule: Omit<Schedule, 'submit'>, defaults?: BatchConfig['defaults']) => checkSemantics(withSchedule(schedule, defaults), {baseDir: '.'})

describe('schedules', () => {
  it('accepts a time-zoned cron, a rate rule and a one-time schedule', () => {
    expect(check({cron: '0 2 * * ? *', timezone: 'Europe/Berlin'})).toEqual([])
    expect(check({rate: '1 hour', mode: 'rule'})).toEqual([])
    expect(check({at: '2026-12-01T09:00:00', timezone: 'America/New_York'})).toEqual([])
  })

  it('reports the expression at its field with the code naming the kind', () => {
    expect(check({cron: '0 2 * * *'})).toEqual([expect.objectContaining({code: 'invalid-cron', path: ['schedules', 's', 'cron']})])
    expect(check({rate: '1 hours'})).toEqual([expect.objectContaining({code: 'invalid-rate', path: ['schedules', 's', 'rate'], hint: 'write "1 hour"'})])
    expect(check({at: 'tomorrow'})).toEqual([expect.objectContaining({code: 'invalid-at', path: ['schedules', 's', 'at']})])
  })

  it('reports an unknown time zone with a suggestion, also in defaults', () => {
    expect(check({rate: '1 hour', timezone: 'Europe/Berln'})).toEqual([
      expect.objectContaining({code: 'invalid-timezone', path: ['schedules', 's', 'timezone'], hint: 'did you mean "Europe/Berlin"?'}),
    ])
    expect(check({rate: '1 hour'}, {timezone: 'CEST'})).toEqual([expect.objectContaining({code: 'invalid-timezone', path: ['defaults', 'timezone']})])
  })

  it('reports what classic rules cannot do', () => {
    const found = check({at: '2026-12-01T09:00:00', timezone: 'Europe/Berlin', flexibleWindow: 10, mode: 'rule'})
    expect(found.map((d) => [d.code, d.path.at(-1)])).toEqual([
      ['rule-mode-unsupported', 'at'],
      ['rule-mode-unsupported', 'timezone'],
      ['rule-mode-unsupported', 'flexibleWindow'],
    ])
  })
})
