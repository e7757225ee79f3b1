// Fault convergence: with 10% throttling and 2% server errors injected on every call of every
// service, apply and destroy of each example (and of the generated project) converge within a
// few runs, the plan after apply is empty, and destroy leaves nothing the project owns.
// Throttling answers are each service's own error (Batch: 429 TooManyRequestsException;
// EventBridge: ThrottlingException), which the SDK retries with back-off:
// https://docs.aws.amazon.com/batch/latest/APIReference/CommonErrors.html
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'

import {loadConfig} from '../../src/config/load-config.js'
import {Emulator} from '../../src/local/emulator.js'
import type {ApplyResult} from '../../src/apply/events.js'
import {applyProject} from '../../src/services/applying.js'
import {planProject} from '../../src/services/planning.js'
import {runToEnd} from './cli-process.js'
import {ownedResources, settledInventory, inventoryProblems} from './inventory.js'
import {adaptersFor, createUnowned, projectModel, type ProjectSource, writeProject} from './trial-project.js'

const MAX_RUNS = 4
const sources: Array<[string, ProjectSource]> = [
  ['fargate-nightly', {example: 'fargate-nightly'}],
  ['multinode-training', {example: 'multinode-training'}],
  ['spot-array-pipeline', {example: 'spot-array-pipeline'}],
  ['generated project', {generated: 1, project: 'faulty'}],
]

let emulator: Emulator | undefined
afterEach(async () => {
  await emulator?.stop()
  emulator = undefined
})

/** Plans and applies (or destroys) until a run completes; returns how many runs it took. */
async function converge(dir: string, destroy: boolean): Promise<{runs: number; results: ApplyResult[]}> {
  const loaded = loadConfig(join(dir, 'batch.yaml'))
  const registry = adaptersFor(emulator!, loaded.config.region ?? 'us-east-1')
  const results: ApplyResult[] = []
  for (let run = 1; run <= MAX_RUNS; run++) {
    try {
      const {plan} = await planProject(loaded, registry.adapters, {destroy})
      expect(plan.errors).toEqual([])
      const result = await applyProject(plan, {adapters: registry.adapters})
      results.push(result)
      if (result.ok) return {runs: run, results}
    } catch (error) {
      // A read the SDK gave up on (every retry faulted) fails the plan: that run is lost, re-run.
      if (run === MAX_RUNS) throw error
    }
  }
  throw new Error(`${destroy ? 'destroy' : 'apply'} did not converge in ${MAX_RUNS} runs: ${JSON.stringify(results.map((r) => r.failed))}`)
}

describe('apply and destroy converge under injected throttling and server errors', () => {
  it.each(sources)('%s', async (_name, source) => {
    emulator = await Emulator.start({
      services: {batch: {transitionMs: 100}},
      faults: {seed: 42, rules: [{throttleRate: 0.1, errorRate: 0.02}]},
    })
    const dir = writeProject(source)
    const {model, region, project} = projectModel(dir)
    const unowned = await createUnowned(emulator, region, project)

    await converge(dir, false)
    const loaded = loadConfig(join(dir, 'batch.yaml'))
    const registry = adaptersFor(emulator, region)
    const after = await planProject(loaded, registry.adapters)
    expect(after.plan.changes.map((c) => `${c.action} ${c.id}`)).toEqual([])
    expect(inventoryProblems(model, await settledInventory(emulator, region, project))).toEqual([])

    await converge(dir, true)
    await settledInventory(emulator, region, project)
    expect(ownedResources(emulator, region, project)).toEqual([])
    const again = await planProject(loaded, registry.adapters, {destroy: true})
    expect(again.plan.changes).toEqual([])

    // The faults were real: the calls above met both kinds, and survived them.
    const injected = emulator.calls.all().filter((c) => c.injected)
    expect(injected.some((c) => c.status === 500)).toBe(true)
    expect(injected.some((c) => c.status !== 500)).toBe(true)
    // Destroy removed only what the project owns.
    const batch = emulator.state<{computeEnvironments: Map<string, unknown>; jobDefinitions: Map<string, Array<{status?: string}>>}>('batch', region)
    expect(batch.computeEnvironments.has(unowned.computeEnvironment)).toBe(true)
    expect(batch.jobDefinitions.get(unowned.jobDefinition)?.map((r) => r.status)).toEqual(['ACTIVE'])
  }, 120_000)

  it('through the CLI: apply, an empty plan, destroy (examples/fargate-nightly)', async () => {
    emulator = await Emulator.start({
      services: {batch: {transitionMs: 100}},
      faults: {seed: 7, rules: [{throttleRate: 0.1, errorRate: 0.02}]},
    })
    const dir = writeProject({example: 'fargate-nightly'})
    const {model, region, project} = projectModel(dir)
    const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url}
    const until0 = async (args: string[]) => {
      const outcomes = []
      for (let run = 1; run <= MAX_RUNS; run++) {
        const outcome = await runToEnd(args, {cwd: dir, env})
        outcomes.push(outcome)
        if (outcome.code === 0) return outcomes
      }
      throw new Error(`${args[0]} did not converge in ${MAX_RUNS} runs:\n${outcomes.map((o) => o.stderr).join('\n')}`)
    }
    await until0(['apply', '--local', '--auto-approve'])
    const plan = await until0(['plan', '--local', '--detailed-exitcode'])
    // Exit 0 with --detailed-exitcode is "no changes" (2 would be changes, 1 an error).
    expect(plan.at(-1)!.stdout).toContain('No changes.')
    expect(inventoryProblems(model, await settledInventory(emulator, region, project))).toEqual([])
    await until0(['destroy', '--local', '--auto-approve'])
    await settledInventory(emulator, region, project)
    expect(ownedResources(emulator, region, project)).toEqual([])
    expect(emulator.calls.all().some((c) => c.injected)).toBe(true)
  }, 120_000)
})
