import {describe, expect, it} from 'vitest'

import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

describe('throttling', () => {
  it('an apply and the snapshots after it survive 10% throttled calls', async () => {
    const config = exampleConfig('fargate-nightly')
    const {emulator, registry} = await harness({region: config.region, faults: {rules: [{throttleRate: 0.1}], seed: 7}})
    const model = exampleModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)
    expect((await planNow(registry, model)).plan.changes).toEqual([])
    expect(emulator.calls.all().filter((r) => r.injected).length).toBeGreaterThan(0)
  })
})
