import {CreateRepositoryCommand} from '@aws-sdk/client-ecr'
import {describe, expect, it} from 'vitest'

import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

/** The engine retries a failed step whole: a create that already happened must not fail the retry. */
describe('running a create step again', () => {
  it('accepts the resource its first run made (same owner and spec hash)', async () => {
    const config = exampleConfig('multinode-training')
    const {emulator, registry} = await harness({region: config.region})
    const model = exampleModel(config)
    const {plan} = await planNow(registry, model)
    await applyPlan(registry, plan)
    const creates = plan.changes.flatMap((c) => c.steps).filter((s) => s.op === 'create' && s.kind !== 'batch.jobDefinition')
    expect(creates.map((s) => s.kind).sort()).toEqual(['batch.computeEnvironment', 'batch.jobQueue', 'batch.schedulingPolicy'])

    emulator.calls.clear()
    const signal = new AbortController().signal
    for (const step of creates) {
      await registry.forKind(step.kind).execute(step, {plan, change: plan.changes.find((c) => c.id === step.changeId)!, signal, progress: () => {}})
    }
    // Each Create was refused as existing, and nothing else changed.
    const refused = emulator.calls.all().filter((r) => r.operation.startsWith('Create'))
    expect(refused.map((r) => r.status >= 400)).toEqual([true, true, true])
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })

  it('still fails when someone else holds the name', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {clients, registry} = await harness({region: config.region})
    const {plan} = await planNow(registry, exampleModel(config))
    // Created after the plan was made (a race with another tool): the create step must not adopt it.
    await clients.ecr.send(new CreateRepositoryCommand({repositoryName: 'genomics-worker'}))
    const step = plan.changes.find((c) => c.id === 'ecr.repository/worker')!.steps[0]!
    await expect(
      registry.forKind(step.kind).execute(step, {
        plan,
        change: plan.changes.find((c) => c.id === step.changeId)!,
        signal: new AbortController().signal,
        progress: () => {},
      }),
    ).rejects.toThrow(/already exists/)
  })
})
