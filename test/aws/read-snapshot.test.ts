import {CreateSchedulingPolicyCommand, RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {CreateRepositoryCommand} from '@aws-sdk/client-ecr'
import {describe, expect, it} from 'vitest'

import type {BatchState} from '../../src/local/services/batch/state.js'
import {applyPlan, exampleConfig, exampleModel, harness, planNow} from './apply-harness.js'

const READS = /^(Describe|List|Get)/

function readCounts(calls: ReadonlyArray<{service: string; operation: string}>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const c of calls) if (READS.test(c.operation)) counts[`${c.service}:${c.operation}`] = (counts[`${c.service}:${c.operation}`] ?? 0) + 1
  return counts
}

const jobDefinition = (name: string, tags: Record<string, string>) =>
  new RegisterJobDefinitionCommand({
    jobDefinitionName: name,
    type: 'container',
    containerProperties: {image: 'busybox', resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]},
    tags,
  })

describe('live snapshot', () => {
  it('costs a constant number of reads per kind (one per 100 items), not one per resource', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, clients, registry} = await harness({region: config.region})
    const model = exampleModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)

    emulator.calls.clear()
    const small = await planNow(registry, model)
    expect(small.snapshot.resources).toHaveLength(model.resources.length)
    // A policy-less account needs no DescribeSchedulingPolicies; one owned repository: its tags and its lifecycle policy.
    expect(readCounts(emulator.calls.all())).toEqual({
      'batch:DescribeComputeEnvironments': 1,
      'batch:DescribeJobQueues': 1,
      'batch:ListSchedulingPolicies': 1,
      'batch:DescribeJobDefinitions': 1,
      'ecr:DescribeRepositories': 1,
      'ecr:ListTagsForResource': 1,
      'ecr:GetLifecyclePolicy': 1,
    })

    // 150 job definitions and 3 scheduling policies of someone else, and repositories outside the project prefix.
    for (let i = 0; i < 150; i++) await clients.batch.send(jobDefinition(`other-${i}`, {team: 'other'}))
    for (let i = 0; i < 3; i++) await clients.batch.send(new CreateSchedulingPolicyCommand({name: `other-policy-${i}`}))
    for (let i = 0; i < 5; i++) await clients.ecr.send(new CreateRepositoryCommand({repositoryName: `other/repo-${i}`}))
    emulator.calls.clear()
    const big = await planNow(registry, model)
    expect(big.snapshot.resources).toHaveLength(model.resources.length)
    expect(big.plan.changes).toEqual([])
    expect(readCounts(emulator.calls.all())).toEqual({
      'batch:DescribeComputeEnvironments': 1,
      'batch:DescribeJobQueues': 1,
      'batch:ListSchedulingPolicies': 1,
      'batch:DescribeSchedulingPolicies': 1,
      // 155 ACTIVE revisions: two pages of 100.
      'batch:DescribeJobDefinitions': 2,
      'ecr:DescribeRepositories': 1,
      'ecr:ListTagsForResource': 1,
      'ecr:GetLifecyclePolicy': 1,
    })
  })

  it('maps AWS’s describe output: ARNs as external links, every tag, status, revisions', async () => {
    const config = exampleConfig('multinode-training')
    const {registry} = await harness({region: config.region})
    const model = exampleModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)
    const {snapshot} = await planNow(registry, model)
    const byName = new Map(snapshot.resources.map((r) => [r.physicalName, r]))
    const queue = byName.get('ml-training')!
    expect(queue).toMatchObject({kind: 'batch.jobQueue', arn: 'arn:aws:batch:us-west-2:123456789012:job-queue/ml-training', status: 'VALID'})
    expect(queue.spec).toMatchObject({
      computeEnvironmentOrder: [{order: 1, computeEnvironment: {external: 'arn:aws:batch:us-west-2:123456789012:compute-environment/ml-gpu'}}],
      schedulingPolicy: {external: 'arn:aws:batch:us-west-2:123456789012:scheduling-policy/ml-teams'},
    })
    expect(queue.tags).toMatchObject({team: 'ml-platform', 'batchctl:project': 'ml', 'batchctl:logical-name': 'training'})
    expect(queue.tags['batchctl:spec-hash']).toMatch(/^[0-9a-f]{64}$/)
    const train = byName.get('ml-train')!
    expect(train).toMatchObject({revision: 1, revisions: [{revision: 1, status: 'ACTIVE', arn: 'arn:aws:batch:us-west-2:123456789012:job-definition/ml-train:1'}]})
    expect(train.spec).toMatchObject({type: 'multinode', nodeProperties: {numNodes: 4, mainNode: 0}, schedulingPriority: 50})
    expect(byName.get('ml-gpu')!.spec).toMatchObject({computeResources: {type: 'EC2', placementGroup: 'ml-training-cluster', instanceTypes: ['p4d.24xlarge']}})
  })
})

describe('ownership', () => {
  it('reports a same-named resource it does not own as a conflict and never touches it', async () => {
    const config = exampleConfig('spot-array-pipeline')
    const {emulator, clients, registry} = await harness({region: config.region})
    await clients.batch.send(jobDefinition('genomics-qc', {team: 'someone-else'}))
    await clients.ecr.send(new CreateRepositoryCommand({repositoryName: 'genomics-worker', tags: [{Key: 'batchctl:project', Value: 'other'}]}))
    // Owned by this project, but by another environment: neither wanted nor ours, so not read.
    await clients.batch.send(jobDefinition('genomics-prod-qc', {'batchctl:project': 'genomics', 'batchctl:env': 'prod'}))

    const model = exampleModel(config)
    const {plan, snapshot} = await planNow(registry, model)
    expect(snapshot.resources.some((r) => r.physicalName === 'genomics-prod-qc')).toBe(false)
    expect(plan.errors.map((e) => [e.code, e.physicalName])).toEqual([
      ['conflict', 'genomics-worker'],
      ['conflict', 'genomics-qc'],
    ])
    expect(plan.errors[0]!.message).toContain('belongs to project other')
    expect(plan.changes.map((c) => c.physicalName)).not.toContain('genomics-qc')

    // Run every change there is (a real apply refuses a plan with errors; this shows no step exists for them).
    emulator.calls.clear()
    await applyPlan(registry, {...plan, errors: []})
    const touched = emulator.calls
      .all()
      .filter((r) => !/^(Describe|List|Get)/.test(r.operation))
      .filter((r) => {
        const input = r.input as Record<string, string | undefined>
        const target = [input.jobDefinitionName, input.jobDefinition, input.repositoryName, input.resourceArn].filter(Boolean).join(' ')
        return /(^|[/ ])genomics-(qc|worker)(:\d+)?( |$)/.test(target)
      })
    expect(touched).toEqual([])
    const state = emulator.state<BatchState>('batch', 'us-east-1')
    expect(state.jobDefinitions.get('genomics-qc')!.map((d) => [d.revision, d.status, d.tags])).toEqual([[1, 'ACTIVE', {team: 'someone-else'}]])
  })
})
