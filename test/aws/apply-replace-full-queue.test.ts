import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import type {ReplaceChange, UpdateChange} from '../../src/plan/index.js'
import {applyPlan, harness, planNow} from './apply-harness.js'

/*
 * A job queue takes at most three compute environments ("You can associate up to three compute
 * environments with a job queue", CreateJobQueue computeEnvironmentOrder —
 * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/batch/aws.sdk.kotlin.services.batch.model/-create-job-queue-request/compute-environment-order.html;
 * the emulator refuses a fourth). UpdateJobQueue's computeEnvironmentOrder is the whole new set
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateJobQueue.html), so a replace
 * never attaches a fourth: the queue's one update swaps the old environment for the new one.
 */
const ec2 = (instanceTypes: string[]) => ({type: 'EC2' as const, maxvCpus: 16, instanceTypes, instanceRole: 'ecsInstanceRole', allocationStrategy: 'BEST_FIT' as const})
const config: BatchConfig = {
  project: 'full',
  region: 'us-east-1',
  defaults: {subnets: ['subnet-1'], securityGroups: ['sg-1']},
  computeEnvironments: {a: ec2(['c6i']), b: ec2(['m6i']), c: ec2(['r6i'])},
  jobQueues: {main: {priority: 1, computeEnvironments: ['a', 'b', 'c']}},
} as BatchConfig

/** The queue's attached environments that can run jobs (VALID and ENABLED), in order. */
function usable(state: BatchState): string[] {
  const queue = state.jobQueues.get('full-main')!
  return (queue.computeEnvironmentOrder ?? [])
    .map((entry) => [...state.computeEnvironments.values()].find((c) => c.computeEnvironmentArn === entry.computeEnvironment))
    .filter((ce) => ce?.status === 'VALID' && ce.state === 'ENABLED')
    .map((ce) => ce!.computeEnvironmentName!)
}

describe('replacing compute environments of a queue that already has three', () => {
  it('swaps each in the queue’s single update, so the queue never holds a fourth nor loses one; the next plan is empty', async () => {
    const {emulator, registry} = await harness({services: {batch: {transitionMs: 200, eventualConsistencyMs: 1000}}})
    await applyPlan(registry, (await planNow(registry, desiredModel(config))).plan)
    const state = emulator.state<BatchState>('batch', 'us-east-1')
    expect(usable(state)).toEqual(['full-a', 'full-b', 'full-c'])

    // Instance types of a BEST_FIT environment cannot change in place: b and c are replaced.
    const changed = structuredClone(config)
    changed.computeEnvironments!.b!.instanceTypes = ['m7i']
    changed.computeEnvironments!.c!.instanceTypes = ['r7i']
    const model = desiredModel(changed)
    const {plan} = await planNow(registry, model)
    expect(plan.errors).toEqual([])
    const b = plan.changes.find((c) => c.id === 'batch.computeEnvironment/b') as ReplaceChange
    const c = plan.changes.find((c) => c.id === 'batch.computeEnvironment/c') as ReplaceChange
    expect([b.action, b.order, c.action, c.order]).toEqual(['replace', 'create-before-delete', 'replace', 'create-before-delete'])
    const queue = plan.changes.find((ch) => ch.id === 'batch.jobQueue/main') as UpdateChange
    expect([queue.action, queue.flavour]).toEqual(['update', 'in-place'])
    expect(queue.diffs.map((d) => [d.path, d.before, d.after])).toEqual([
      ['computeEnvironmentOrder[1].computeEnvironment', 'full-b', b.physicalName],
      ['computeEnvironmentOrder[2].computeEnvironment', 'full-c', c.physicalName],
    ])

    emulator.calls.clear()
    const seen: string[][] = []
    const observe = () => {
      const now = usable(state)
      seen.push(now)
      // Full capacity at every observable moment: three usable environments, never four.
      expect(now).toHaveLength(3)
      expect(state.jobQueues.get('full-main')!.computeEnvironmentOrder).toHaveLength(3)
    }
    const steps = await applyPlan(registry, plan, {after: observe, progress: observe})
    const ids = steps.map((s) => s.id)
    const queueUpdate = ids.indexOf('batch.jobQueue/main#update')
    for (const ce of ['b', 'c']) {
      expect(ids.indexOf(`batch.computeEnvironment/${ce}#create-new`)).toBeLessThan(queueUpdate)
      expect(ids.indexOf(`batch.computeEnvironment/${ce}#disable-old`)).toBeGreaterThan(queueUpdate)
    }
    expect(seen.length).toBeGreaterThan(6)

    // One UpdateJobQueue call, with exactly three environments: a, the new b, the new c.
    const updates = emulator.calls.all().filter((r) => r.operation === 'UpdateJobQueue')
    expect(updates.map((r) => r.status)).toEqual([200])
    const arn = (name: string) => `arn:aws:batch:us-east-1:123456789012:compute-environment/${name}`
    expect((updates[0]!.input as {computeEnvironmentOrder: unknown}).computeEnvironmentOrder).toEqual([
      {order: 1, computeEnvironment: arn('full-a')},
      {order: 2, computeEnvironment: arn(b.physicalName)},
      {order: 3, computeEnvironment: arn(c.physicalName)},
    ])
    expect(usable(state)).toEqual(['full-a', b.physicalName, c.physicalName])
    expect([state.computeEnvironments.has('full-b'), state.computeEnvironments.has('full-c')]).toEqual([false, false])

    // Plan is the truth: nothing left to do.
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })
})
