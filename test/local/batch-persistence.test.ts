import {
  CreateComputeEnvironmentCommand,
  DeregisterJobDefinitionCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  RegisterJobDefinitionCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {resolveJobDefinition, restoreControlPlane, saveControlPlane} from '../../src/local/services/batch/control-plane/index.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import {createComputeEnvironment, createJobQueue, startBatch} from './batch-builders.js'

describe('Batch control-plane state save/restore', () => {
  it('restores what was saved as JSON, settling resources caught mid-transition', async () => {
    const first = await startBatch()
    const ce = await createComputeEnvironment(first.batch, first.emulator, 'ce')
    await createJobQueue(first.batch, first.emulator, 'q', [ce])
    await first.batch.send(new RegisterJobDefinitionCommand({jobDefinitionName: 'jd', type: 'container', containerProperties: {image: 'x', vcpus: 1, memory: 64}}))
    // Still CREATING when saved: comes back VALID.
    await first.batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: 'young', type: 'MANAGED', computeResources: {type: 'FARGATE', maxvCpus: 4, subnets: ['subnet-0abc1234'], securityGroupIds: ['sg-0abc1234']}}))
    const saved = JSON.parse(JSON.stringify(saveControlPlane(first.emulator.state<BatchState>('batch'))))

    const second = await startBatch()
    restoreControlPlane(second.emulator.state<BatchState>('batch'), saved)
    const ces = await second.batch.send(new DescribeComputeEnvironmentsCommand({}))
    expect(ces.computeEnvironments?.map((c) => [c.computeEnvironmentName, c.status])).toEqual([
      ['ce', 'VALID'],
      ['young', 'VALID'],
    ])
    const queues = await second.batch.send(new DescribeJobQueuesCommand({}))
    expect(queues.jobQueues?.[0]?.computeEnvironmentOrder).toEqual([{order: 1, computeEnvironment: ce}])
    const next = await second.batch.send(new RegisterJobDefinitionCommand({jobDefinitionName: 'jd', type: 'container', containerProperties: {image: 'x', vcpus: 1, memory: 64}}))
    expect(next.revision).toBe(2)
    const defs = await second.batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'jd'}))
    expect(defs.jobDefinitions?.map((d) => d.revision)).toEqual([2, 1])
  })
})

// AWS: SubmitJob (jobDefinition: name:revision, ARN, or a name meaning the latest ACTIVE revision) —
// https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
describe('resolveJobDefinition (for SubmitJob)', () => {
  it('resolves a bare name to the latest ACTIVE revision, and name:revision or ARN exactly', async () => {
    const {emulator, batch} = await startBatch()
    for (let i = 0; i < 3; i++) {
      await batch.send(new RegisterJobDefinitionCommand({jobDefinitionName: 'jd', type: 'container', containerProperties: {image: 'x', vcpus: 1, memory: 64}}))
    }
    await batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'jd:3'}))
    const state = emulator.state<BatchState>('batch')
    expect(resolveJobDefinition(state, 'jd')?.revision).toBe(2)
    expect(resolveJobDefinition(state, 'jd:3')?.status).toBe('INACTIVE')
    expect(resolveJobDefinition(state, 'arn:aws:batch:us-east-1:123456789012:job-definition/jd:1')?.revision).toBe(1)
    expect(resolveJobDefinition(state, 'nope')).toBeUndefined()
  })
})
