import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import type {EcrState} from '../../src/local/services/ecr/state.js'
import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

describe('deletes and replaces', () => {
  it.each(['multinode-training', 'spot-array-pipeline'])('everything that left batch.yaml is removed in safe order (%s)', async (name) => {
    const config = exampleConfig(name)
    const {emulator, registry} = await harness({region: config.region, services: {batch: {transitionMs: 200, eventualConsistencyMs: 2000}}})
    const model = exampleModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)

    const empty = {project: model.project, resources: []}
    const {plan} = await planNow(registry, empty)
    expect(plan.changes.every((c) => c.action === 'delete')).toBe(true)
    expect(plan.changes).toHaveLength(model.resources.length)
    await applyPlan(registry, plan)

    expect((await planNow(registry, empty)).snapshot.resources).toEqual([])
    const batch = emulator.state<BatchState>('batch', config.region)
    expect(batch.computeEnvironments.size + batch.jobQueues.size + batch.schedulingPolicies.size).toBe(0)
    // Job definitions cannot be deleted: every revision is INACTIVE.
    expect([...batch.jobDefinitions.values()].flat().every((d) => d.status === 'INACTIVE')).toBe(true)
    expect(emulator.state<EcrState>('ecr', config.region).repositories.size).toBe(0)
  })

  it('a job queue gaining a fair-share policy is replaced: new queue first, then the old one disabled and deleted', async () => {
    const config = {
      project: 'fs',
      region: 'us-east-1',
      defaults: {subnets: ['subnet-1'], securityGroups: ['sg-1']},
      computeEnvironments: {f: {type: 'FARGATE', maxvCpus: 4}},
      jobQueues: {q: {priority: 1, computeEnvironments: ['f']}},
      schedulingPolicies: {fair: {shareDistribution: [{shareIdentifier: 'a'}]}},
    } as BatchConfig
    const {emulator, registry} = await harness()
    await applyPlan(registry, (await planNow(registry, desiredModel(config))).plan)
    const changed = structuredClone(config)
    changed.jobQueues!.q!.schedulingPolicy = 'fair'
    const model = desiredModel(changed)
    const {plan} = await planNow(registry, model)
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([['batch.jobQueue/q', 'replace']])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const ops = emulator.calls
      .all()
      .filter((r) => r.status < 400 && /^(Create|Update|Delete)JobQueue$/.test(r.operation))
      .map((r) => `${r.operation} ${(r.input as any).jobQueueName ?? (r.input as any).jobQueue}`)
    expect(ops).toEqual([`CreateJobQueue ${plan.changes[0]!.physicalName}`, 'UpdateJobQueue fs-q', 'DeleteJobQueue fs-q'])
    const queues = emulator.state<BatchState>('batch', 'us-east-1').jobQueues
    expect([...queues.keys()]).toEqual([plan.changes[0]!.physicalName])
    expect(queues.get(plan.changes[0]!.physicalName)!.schedulingPolicyArn).toBe('arn:aws:batch:us-east-1:123456789012:scheduling-policy/fs-fair')
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })

  it('a compute environment wanted DISABLED is created, then disabled', async () => {
    const config = {
      project: 'off',
      region: 'us-east-1',
      defaults: {subnets: ['subnet-1'], securityGroups: ['sg-1']},
      computeEnvironments: {f: {type: 'FARGATE', maxvCpus: 4, state: 'DISABLED'}},
    } as BatchConfig
    const {emulator, registry} = await harness()
    const model = desiredModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)
    expect(emulator.state<BatchState>('batch', 'us-east-1').computeEnvironments.get('off-f')).toMatchObject({state: 'DISABLED', status: 'VALID'})
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })

  it('a repository whose encryption changes is deleted first, then created under the same name', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, registry} = await harness({region: config.region})
    const model = exampleModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)
    const kms = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d'
    const changed = {
      ...model,
      resources: model.resources.map((r) =>
        r.kind === 'ecr.repository' ? {...r, spec: {...r.spec, encryptionConfiguration: {encryptionType: 'KMS' as const, kmsKey: kms}}} : r,
      ),
    }
    const {plan} = await planNow(registry, changed)
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([['ecr.repository/worker', 'replace']])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const ops = emulator.calls.all().filter((r) => r.service === 'ecr' && r.status < 400 && !/^(Describe|List|Get)/.test(r.operation))
    expect(ops.map((r) => r.operation)).toEqual(['DeleteRepository', 'CreateRepository', 'PutLifecyclePolicy'])
    expect(ops[1]!.input).toMatchObject({repositoryName: 'genomics-worker', encryptionConfiguration: {encryptionType: 'KMS', kmsKey: kms}, imageTagMutability: 'IMMUTABLE'})
    expect((await planNow(registry, changed)).plan.changes).toEqual([])
  })
})
