import {describe, expect, it} from 'vitest'

import {formatValue, outlinePlan} from '../../src/ui/plan/outline.js'
import {renderPlanText} from '../../src/ui/plan/plan-text.js'
import {PlanView} from '../../src/ui/plan/PlanView.js'
import {painter} from '../../src/ui/shared/colors.js'
import type {Plan} from '../../src/plan/index.js'
import {create, planOf, remove, replace, update} from './plan-builders.js'
import {renderAt} from './render-at-width.js'

const frame = (plan: Plan, columns = 80) => {
  const view = renderAt(<PlanView outline={outlinePlan(plan, {region: 'us-east-1'})} />, columns)
  const text = view.lastFrame()
  view.unmount()
  return text
}

/** The words of a rendering, whatever the wrapping: the Ink and text views must say the same. */
const words = (text: string) => text.split(/\s+/).filter(Boolean)

const spot = () =>
  replace('batch.computeEnvironment', 'spot', 'genomics-spot-1a2b3c4d', ['computeResources.instanceTypes'], [
    ['computeResources.instanceTypes', ['optimal'], ['c5.large', 'c5.xlarge']],
    ['computeResources.maxvCpus', 128, 256],
  ])

describe('PlanView at a fixed width', () => {
  it('an empty plan says AWS matches batch.yaml', () => {
    expect(frame(planOf([], [], 'dev'))).toMatchInlineSnapshot(`
      "Plan for genomics (env dev, us-east-1)

      No changes. AWS matches batch.yaml."
    `)
  })

  it('creates only: grouped by kind, each new field listed', () => {
    const plan = planOf([
      create('batch.computeEnvironment', 'spot', [['type', 'SPOT'], ['computeResources.maxvCpus', 256]]),
      create('batch.jobQueue', 'default', [['priority', 10]]),
    ])
    expect(frame(plan)).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Compute environments
        +   spot (genomics-spot)
              type: "SPOT"
              computeResources.maxvCpus: 256

      Job queues
        +   default (genomics-default)
              priority: 10

      Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy."
    `)
  })

  it('an update with several fields, one removed and one sensitive', () => {
    const plan = planOf([
      update('batch.jobDefinition', 'align', [
        ['containerProperties.command', ['python', 'align.py'], ['python', 'align.py', 'Ref::sample']],
        ['containerProperties.environment[name=LOG_LEVEL].value', 'info', 'debug'],
        ['containerProperties.environment[name=DB_PASSWORD].value', '(sensitive)', '(sensitive)', true],
        ['timeout.attemptDurationSeconds', 3600, undefined],
      ], 'new-revision', 2),
    ])
    expect(frame(plan)).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Job definitions
        ~   align (genomics-align)  # new revision; deregisters 2 old revisions
              containerProperties.command: ["python","align.py"] →
              ["python","align.py","Ref::sample"]
              containerProperties.environment[name=LOG_LEVEL].value: "info" → "debug"
              containerProperties.environment[name=DB_PASSWORD].value: (sensitive) →
              (sensitive)
              timeout.attemptDurationSeconds: 3600 → (removed)

      Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy."
    `)
  })

  it('a replace names the forcing field on the change and on the field', () => {
    expect(frame(planOf([spot()]))).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Compute environments
        -/+ spot (genomics-spot-1a2b3c4d)  # forces replacement:
            computeResources.instanceTypes
              computeResources.instanceTypes: ["optimal"] → ["c5.large","c5.xlarge"]
              (forces replacement)
              computeResources.maxvCpus: 128 → 256

      Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy."
    `)
  })

  it('deletes show the name only, in red-marked lines', () => {
    const plan = planOf([remove('batch.jobQueue', 'genomics-old', 'old'), remove('events.rule', 'genomics-orphan')])
    expect(frame(plan)).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Job queues
        -   old (genomics-old)

      EventBridge rules
        -   genomics-orphan

      Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy."
    `)
  })

  it('plan errors come with their hints', () => {
    const plan = planOf([create('batch.jobDefinition', 'align', [['image', 'worker']])], [
      {
        code: 'conflict',
        kind: 'batch.jobQueue',
        logicalName: 'default',
        physicalName: 'genomics-default',
        message: 'job queue genomics-default exists and is not owned by project genomics',
        hints: ['batchctl import batch.jobQueue default', 'or rename the queue in batch.yaml'],
      },
    ])
    expect(frame(plan)).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Job definitions
        +   align (genomics-align)
              image: "worker"

      error: job queue genomics-default exists and is not owned by project genomics
        → batchctl import batch.jobQueue default
        → or rename the queue in batch.yaml

      Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy."
    `)
  })

  it('a long folded value wraps to the width, indented under its field', () => {
    const longCommand = Array.from({length: 40}, (_, i) => `--sample-${i}`)
    const plan = planOf([update('batch.jobDefinition', 'align', [['containerProperties.command', ['python'], longCommand]])])
    const text = frame(plan, 60)
    expect(text).toMatchInlineSnapshot(`
      "Plan for genomics (us-east-1)

      Job definitions
        ~   align (genomics-align)
              containerProperties.command: ["python"] → ["--sample
              -0","--sample-1","--sample-2","--sample-3","--s …
              ,"--sample-36","--sample-37","--sample-38","--sample
              -39"]

      Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy."
    `)
    // No line is wider than the terminal; every wrapped piece stays indented under the field;
    // unwrapped, the lines give back the folded value (wrapping only drops the spaces it breaks at).
    const lines = text.split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60)
    const field = lines.slice(lines.findIndex((line) => line.includes('containerProperties.command')), -2)
    for (const line of field) expect(line).toMatch(/^ {8}\S/)
    const unwrapped = field.map((line) => line.trim()).join('').replaceAll(' ', '')
    const folded = formatValue(longCommand)
    expect(folded).toContain(' … ')
    expect(unwrapped).toBe(`containerProperties.command:["python"]→${folded!.replaceAll(' ', '')}`)
  })

  it('says what the plain-text renderer says', () => {
    const plan = planOf([
      create('batch.jobQueue', 'default', [['priority', 10]]),
      spot(),
      update('batch.jobDefinition', 'align', [['timeout.attemptDurationSeconds', 60, 120]], 'new-revision'),
      remove('events.rule', 'genomics-orphan'),
    ])
    const outline = outlinePlan(plan)
    const view = renderAt(<PlanView outline={outline} />, 200)
    expect(words(view.lastFrame())).toEqual(words(renderPlanText(outline, painter(false))))
    view.unmount()
  })
})
