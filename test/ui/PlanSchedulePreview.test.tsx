import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {schedulePreviews} from '../../src/desired/schedules.js'
import {outlinePlan} from '../../src/ui/plan/outline.js'
import {renderPlanText} from '../../src/ui/plan/plan-text.js'
import {PlanView} from '../../src/ui/plan/PlanView.js'
import {painter} from '../../src/ui/shared/colors.js'
import {create, planOf, remove, update} from './plan-builders.js'
import {renderAt} from './render-at-width.js'

/*
 * Under each created or updated schedule the plan says what its expression means and when it
 * runs next, in its own time zone. Across Europe's spring-forward night (2026-03-29, 02:00 → 03:00
 * in Berlin) a 02:30 run does not exist and EventBridge Scheduler skips it
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, "Daylight savings
 * time"); the offsets show the change. Classic rules (`mode: rule`) run in UTC.
 */

const submit = {job: 'align'}
const config: BatchConfig = {
  project: 'genomics',
  defaults: {timezone: 'Europe/Berlin'},
  schedules: {
    nightly: {cron: '30 2 * * ? *', submit},
    classic: {cron: '0 4 ? * 1 *', mode: 'rule', submit},
    gone: {rate: '1 hour', submit},
  },
}
const previews = schedulePreviews(config, {from: new Date('2026-03-27T12:00:00Z')})
const plan = planOf([
  create('scheduler.schedule', 'nightly', [['scheduleExpression', 'cron(30 2 * * ? *)']]),
  update('events.rule', 'classic', [['scheduleExpression', 'cron(0 3 ? * 1 *)', 'cron(0 4 ? * 1 *)']]),
  remove('scheduler.schedule', 'genomics-gone', 'gone'),
])
const outline = outlinePlan(plan, {region: 'eu-central-1', schedules: previews})

describe('schedule previews in the plan views', () => {
  it('the plain view: a note with the reading and the next 3 runs, skipping the hour that does not exist', () => {
    expect(renderPlanText(outline, painter(false))).toBe(
      [
        'Plan for genomics (eu-central-1)',
        '',
        'Schedules',
        '  +   nightly (genomics-nightly)',
        '        # At 02:30 AM (Europe/Berlin); next: 2026-03-28 02:30 +01:00, 2026-03-30 02:30 +02:00, 2026-03-31 02:30 +02:00',
        '        scheduleExpression: "cron(30 2 * * ? *)"',
        '  -   gone (genomics-gone)',
        '',
        'EventBridge rules',
        '  ~   classic (genomics-classic)',
        '        # At 04:00 AM, only on Sunday (UTC); next: 2026-03-29 04:00 +00:00, 2026-04-05 04:00 +00:00, 2026-04-12 04:00 +00:00',
        '        scheduleExpression: "cron(0 3 ? * 1 *)" → "cron(0 4 ? * 1 *)"',
        '',
        'Plan: 1 to add, 1 to change, 0 to replace, 1 to destroy.',
        '',
      ].join('\n'),
    )
  })

  it('the Ink view shows the same note under the schedule, at a fixed width', () => {
    const view = renderAt(<PlanView outline={outline} />, 140)
    const frame = view.lastFrame()
    view.unmount()
    const lines = frame.split('\n')
    const at = lines.findIndex((line) => line.includes('nightly (genomics-nightly)'))
    expect(lines[at + 1]).toBe('        # At 02:30 AM (Europe/Berlin); next: 2026-03-28 02:30 +01:00, 2026-03-30 02:30 +02:00, 2026-03-31 02:30 +02:00')
    expect(frame).not.toContain('2026-03-29 02:30')
    // A deleted schedule gets no note.
    expect(lines[lines.findIndex((line) => line.includes('gone (genomics-gone)')) + 1]).not.toContain('#')
  })
})
