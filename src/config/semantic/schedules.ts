import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, Schedule} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {checkAt, checkCron, checkRate} from './schedule-expression.js'
import type {ExpressionProblem} from './schedule-expression.js'
import {isTimeZone, suggestTimeZone} from './timezone.js'

function checkZone(out: Diagnostic[], zone: string, path: Diagnostic['path']): void {
  if (isTimeZone(zone)) return
  const match = suggestTimeZone(zone)
  out.push(
    diagnostic('invalid-timezone', path, `"${zone}" is not an IANA time zone.`, {
      expected: 'an IANA time zone name such as "Europe/Berlin", "America/New_York" or "UTC"',
      hint: match !== undefined ? `did you mean "${match}"?` : undefined,
    }),
  )
}

function expressionProblem(schedule: Schedule): [keyof Schedule, ExpressionProblem | undefined] | undefined {
  if (schedule.cron !== undefined) return ['cron', checkCron(schedule.cron)]
  if (schedule.rate !== undefined) return ['rate', checkRate(schedule.rate)]
  if (schedule.at !== undefined) return ['at', checkAt(schedule.at)]
  return undefined
}

/**
 * Schedules: cron / rate / at syntax as EventBridge accepts it, IANA time zones (also
 * `defaults.timezone`), and what classic rules (`mode: rule`) cannot do: one-time `at`
 * schedules, time zones (rules run in UTC) and flexible windows.
 */
export function checkSchedules(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  if (config.defaults?.timezone !== undefined) checkZone(out, config.defaults.timezone, ['defaults', 'timezone'])
  for (const [key, schedule] of entries(config.schedules)) {
    const base = ['schedules', key]
    const found = expressionProblem(schedule)
    if (found !== undefined && found[1] !== undefined) {
      const [field, problem] = found
      out.push(diagnostic(`invalid-${field}`, [...base, field], problem.message, {expected: problem.expected, hint: problem.hint}))
    }
    if (schedule.timezone !== undefined && schedule.mode !== 'rule') checkZone(out, schedule.timezone, [...base, 'timezone'])
    if (schedule.mode === 'rule') {
      const unsupported: Array<[keyof Schedule, string]> = [
        ['at', 'one-time `at` schedules'],
        ['timezone', 'time zones (rules run in UTC)'],
        ['flexibleWindow', 'flexible windows'],
      ]
      for (const [field, what] of unsupported) {
        if (schedule[field] === undefined) continue
        out.push(
          diagnostic('rule-mode-unsupported', [...base, field], `Schedule "${key}" uses \`mode: rule\`, and EventBridge rules do not support ${what}.`, {
            expected: `no \`${field}\` with \`mode: rule\``,
            hint: 'remove `mode: rule` to use EventBridge Scheduler, which supports it',
            atKey: true,
          }),
        )
      }
    }
  }
  return out
}
