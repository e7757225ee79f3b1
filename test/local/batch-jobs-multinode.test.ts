import {ClientException, DescribeJobsCommand, ListJobsCommand, RegisterJobDefinitionCommand, SubmitJobCommand} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {advance, createEc2Environment, createQueue, describe1, startBatch} from './batch-jobs-setup.js'

describe('Batch multi-node parallel jobs', () => {
  // AWS: "Multi-node parallel jobs" (User Guide) — node jobs `<id>#<node>`, the main node decides the job;
  // NodeDetails / NodeProperties (API reference); ListJobs multiNodeJobId lists the nodes.
  it('starts all nodes together once their vCPUs fit, and finishes with the main node', async () => {
    const {batch, emulator} = await startBatch()
    const ce = await createEc2Environment(batch, 'ce', 4)
    await createQueue(batch, 'q', [ce])
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'mnp',
        type: 'multinode',
        nodeProperties: {
          numNodes: 3,
          mainNode: 0,
          nodeRangeProperties: [
            {targetNodes: '0:0', container: {image: 'busybox', command: ['main'], resourceRequirements: [{type: 'VCPU', value: '2'}, {type: 'MEMORY', value: '512'}]}},
            {targetNodes: '1:2', container: {image: 'busybox', command: ['worker'], resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]}},
          ],
        },
      }),
    )
    const blocker = await batch.send(
      new SubmitJobCommand({
        jobName: 'too-big-first',
        jobQueue: 'q',
        jobDefinition: 'mnp',
        nodeOverrides: {nodePropertyOverrides: [{targetNodes: '1:2', containerOverrides: {command: ['worker', '--fast']}}]},
      }),
    )
    emulator.clock.advance(600)
    let parent = await describe1(batch, blocker.jobId!)
    expect(parent.status).toBe('STARTING')
    expect(parent.nodeProperties).toMatchObject({numNodes: 3, mainNode: 0})
    // 2 + 1 + 1 = 4 vCPUs: a second multi-node job must wait for all of them.
    const second = await batch.send(new SubmitJobCommand({jobName: 'second', jobQueue: 'q', jobDefinition: 'mnp'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, second.jobId!)).status).toBe('RUNNABLE')

    const nodes = await batch.send(new ListJobsCommand({multiNodeJobId: blocker.jobId, jobStatus: 'RUNNING'}))
    expect(nodes.jobSummaryList?.map((n) => n.jobId).sort()).toEqual([0, 1, 2].map((i) => `${blocker.jobId}#${i}`))
    const described = (await batch.send(new DescribeJobsCommand({jobs: [0, 1, 2].map((i) => `${blocker.jobId}#${i}`)}))).jobs!
    expect(described.map((n) => n.nodeDetails)).toEqual([
      {nodeIndex: 0, isMainNode: true},
      {nodeIndex: 1, isMainNode: false},
      {nodeIndex: 2, isMainNode: false},
    ])
    expect(described.map((n) => n.container?.command)).toEqual([['main'], ['worker', '--fast'], ['worker', '--fast']])

    // A node override for a range the definition does not have is refused.
    const refused = await batch
      .send(new SubmitJobCommand({jobName: 'bad', jobQueue: 'q', jobDefinition: 'mnp', nodeOverrides: {nodePropertyOverrides: [{targetNodes: '0:2'}]}}))
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ClientException)
    expect((refused as ClientException).message).toBe('NodeOverride targets should match job definition. Non matching targets - 0:2')

    advance(emulator, 3_000)
    parent = await describe1(batch, blocker.jobId!)
    expect(parent.status).toBe('SUCCEEDED')
    const after = (await batch.send(new DescribeJobsCommand({jobs: [0, 1, 2].map((i) => `${blocker.jobId}#${i}`)}))).jobs!
    expect(after.map((n) => n.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
    expect(['STARTING', 'RUNNING']).toContain((await describe1(batch, second.jobId!)).status)
  })
})
