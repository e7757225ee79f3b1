import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

/**
 * One updatable field at a time on the spot-array-pipeline example: exactly that update is
 * planned, the adapter sends exactly that (UpdateJobQueue / UpdateComputeEnvironment with the
 * one field, a new job definition revision, PutImageTagMutability), and the next plan is empty.
 */

type Edit = {
  name: string
  edit: (config: BatchConfig) => void
  change: string
  diffPaths: string[]
  call: {service: string; operation: string; input: Record<string, unknown>}
}

const edits: Edit[] = [
  {
    name: 'a job queue priority',
    edit: (c) => (c.jobQueues!.spot!.priority = 20),
    change: 'batch.jobQueue/spot',
    diffPaths: ['priority'],
    call: {service: 'batch', operation: 'UpdateJobQueue', input: {jobQueue: 'genomics-spot', priority: 20}},
  },
  {
    name: 'a compute environment maxvCpus',
    edit: (c) => (c.computeEnvironments!['on-demand']!.maxvCpus = 256),
    change: 'batch.computeEnvironment/on-demand',
    diffPaths: ['computeResources.maxvCpus'],
    call: {service: 'batch', operation: 'UpdateComputeEnvironment', input: {computeEnvironment: 'genomics-on-demand', computeResources: {maxvCpus: 256}}},
  },
  {
    name: "a Spot compute environment's instance types (an infrastructure update)",
    edit: (c) => (c.computeEnvironments!.spot!.instanceTypes = ['c7i', 'm7i']),
    change: 'batch.computeEnvironment/spot',
    diffPaths: ['computeResources.instanceTypes'],
    call: {service: 'batch', operation: 'UpdateComputeEnvironment', input: {computeEnvironment: 'genomics-spot', computeResources: {instanceTypes: ['c7i', 'm7i']}}},
  },
  {
    name: "a job definition's memory",
    edit: (c) => (c.jobDefinitions!.prepare!.memory = 4096),
    change: 'batch.jobDefinition/prepare',
    diffPaths: ['containerProperties.resourceRequirements[type=MEMORY].value'],
    call: {service: 'batch', operation: 'RegisterJobDefinition', input: {jobDefinitionName: 'genomics-prepare'}},
  },
  {
    name: "a repository's tag mutability",
    edit: (c) => (c.images!.worker!.repository!.tagMutability = 'MUTABLE'),
    change: 'ecr.repository/worker',
    diffPaths: ['imageTagMutability'],
    call: {service: 'ecr', operation: 'PutImageTagMutability', input: {repositoryName: 'genomics-worker', imageTagMutability: 'MUTABLE'}},
  },
]

const MUTATING = /^(Create|Update|Delete|Register|Deregister|Put|Tag|Untag)/

describe('one updatable field at a time', () => {
  it.each(edits)('$name', async ({edit, change, diffPaths, call}) => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, registry} = await harness({region: config.region})
    await applyPlan(registry, (await planNow(registry, exampleModel(config))).plan)

    const changed = structuredClone(config)
    edit(changed)
    const model = exampleModel(changed)
    const {plan} = await planNow(registry, model)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([[change, 'update']])
    expect(plan.changes[0]!.diffs.map((d) => d.path)).toEqual(diffPaths)

    emulator.calls.clear()
    await applyPlan(registry, plan)
    const mutations = emulator.calls.all().filter((r) => r.status < 400 && MUTATING.test(r.operation))
    // The change itself, then the new spec hash (one TagResource; job definitions get it at registration).
    const retag = call.operation === 'RegisterJobDefinition' ? [] : [`${call.service}:TagResource`]
    expect(mutations.map((r) => `${r.service}:${r.operation}`)).toEqual([`${call.service}:${call.operation}`, ...retag])
    if (retag.length > 0) expect(JSON.stringify(mutations[1]!.input)).toContain('batchctl:spec-hash')
    if (call.operation === 'RegisterJobDefinition') {
      expect(mutations[0]!.input).toMatchObject(call.input)
    } else {
      // Only what changed is sent.
      expect(mutations[0]!.input).toEqual(call.input)
    }

    const after = await planNow(registry, model)
    expect(after.plan.changes).toEqual([])
  })

  it('a new job definition revision deregisters the ones beyond keepRevisions', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, registry} = await harness({region: config.region})
    await applyPlan(registry, (await planNow(registry, exampleModel(config))).plan)
    for (const memory of [3000, 3500]) {
      const changed = structuredClone(config)
      changed.jobDefinitions!.qc!.memory = memory
      await applyPlan(registry, (await planNow(registry, exampleModel(changed))).plan)
    }
    // Revisions 1..3 registered; keepRevisions 1 keeps the newest two ACTIVE.
    const live = (await planNow(registry, exampleModel(config))).snapshot.resources.find((r) => r.physicalName === 'genomics-qc')!
    expect(live.revision).toBe(3)
    expect(live.revisions!.map((r) => r.revision)).toEqual([3, 2])
    expect(emulator.calls.find('batch', 'DeregisterJobDefinition').map((r) => (r.input as {jobDefinition: string}).jobDefinition)).toEqual([
      'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-qc:1',
    ])
  })

  it('a user tag change is tagged in place, without a new revision or an update call', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, registry} = await harness({region: config.region})
    await applyPlan(registry, (await planNow(registry, exampleModel(config))).plan)
    const changed = structuredClone(config)
    changed.tags = {owner: 'lab-7'}
    const model = exampleModel(changed)
    const {plan} = await planNow(registry, model)
    expect(plan.changes.every((c) => c.action === 'update' && c.diffs.every((d) => d.path.startsWith('tags.')))).toBe(true)
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const ops = new Set(emulator.calls.all().filter((r) => MUTATING.test(r.operation)).map((r) => r.operation))
    expect(ops).toEqual(new Set(['TagResource', 'UntagResource']))
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })
})
