import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'

import {runApplyFlow} from '../../src/cli/apply-flow.js'
import {assertFresh} from '../../src/services/applying.js'
import {snapshotQuery} from '../../src/services/planning.js'
import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

/**
 * `apply` takes the project lock after it planned (and after the user said yes): another apply
 * may have finished in between. Under the lock the live state is read again and a plan AWS has
 * moved past is refused before anything changes.
 */
describe('apply re-checks its plan under the lock', () => {
  // --json progress goes to stdout as NDJSON: kept out of the test run's output.
  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('refuses a plan made stale while it waited, and changes nothing', async () => {
    const config = exampleConfig('multinode-training')
    const {emulator, registry} = await harness({region: config.region})
    const model = exampleModel(config)
    const {plan} = await planNow(registry, model)
    expect(plan.changes.length).toBeGreaterThan(0)
    // The "other apply": the same changes, carried out after this plan was made.
    await applyPlan(registry, plan)

    emulator.calls.clear()
    const flow = runApplyFlow({
      plan,
      adapters: registry.adapters,
      region: config.region!,
      projectDir: mkdtempSync(join(tmpdir(), 'batchctl-recheck-')),
      autoApprove: true,
      json: true,
      verb: 'apply',
      recheck: () => assertFresh(plan, snapshotQuery(model), registry.adapters, false),
    })
    await expect(flow).rejects.toMatchObject({code: 'plan-stale', message: expect.stringContaining('the plan is stale')})
    const writes = emulator.calls.all().filter((r) => !/^(Describe|List|Get)/.test(r.operation))
    expect(writes.map((r) => r.operation)).toEqual([])
  })

  it('runs a plan that is still current', async () => {
    const config = exampleConfig('multinode-training')
    const {registry} = await harness({region: config.region})
    const model = exampleModel(config)
    const {plan} = await planNow(registry, model)
    const outcome = await runApplyFlow({
      plan,
      adapters: registry.adapters,
      region: config.region!,
      projectDir: mkdtempSync(join(tmpdir(), 'batchctl-recheck-')),
      autoApprove: true,
      json: true,
      verb: 'apply',
      recheck: () => assertFresh(plan, snapshotQuery(model), registry.adapters, false),
    })
    expect(outcome.result?.ok).toBe(true)
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })
})
