import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {comparableSpec} from '../../src/plan/index.js'

import {repoRoot} from '../helpers/cli.js'
import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

const examples = readdirSync(join(repoRoot, 'examples'))

describe('apply then read: plan is empty (promise 1)', () => {
  it.each(examples)('examples/%s', async (name) => {
    const config = exampleConfig(name)
    const {registry} = await harness({region: config.region})
    const model = exampleModel(config)
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    expect(first.plan.changes.every((c) => c.action === 'create')).toBe(true)
    expect(first.plan.changes.length).toBe(model.resources.length)
    await applyPlan(registry, first.plan)

    const second = await planNow(registry, model)
    expect(second.plan.errors).toEqual([])
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    expect(second.snapshot.resources).toHaveLength(model.resources.length)
    // Job definitions plan as unchanged by their spec-hash tag alone; their read-back spec must match too.
    for (const live of second.snapshot.resources.filter((r) => r.kind === 'batch.jobDefinition')) {
      const desired = model.resources.find((r) => r.kind === live.kind && r.physicalName === live.physicalName)!
      expect(comparableSpec(live.kind, live.spec)).toEqual(comparableSpec(desired.kind, desired.spec))
    }
    for (const live of second.snapshot.resources) {
      expect(live.tags).toMatchObject({'batchctl:project': config.project})
    }
  })
})
