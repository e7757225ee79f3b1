import {DescribeJobsCommand, RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {CreateStateMachineCommand, DescribeExecutionCommand, ListExecutionsCommand, SFNClient} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {EventsState} from '../../src/local/services/events/state.js'
import {createComputeEnvironment, createJobQueue, fargateResources, startBatch} from './batch-builders.js'

const ROLE = 'arn:aws:iam::123456789012:role/events'

// AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
describe('EventBridge rule targets reach the other emulated services', () => {
  it('a schedule rule with a Batch target submits a real job with the target\'s BatchParameters', async () => {
    const {emulator, batch} = await startBatch()
    const events = new EventBridgeClient({endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}})
    const ce = await createComputeEnvironment(batch, emulator, 'fargate', fargateResources())
    const queue = await createJobQueue(batch, emulator, 'genomics', [ce])
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'align',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: {
          image: 'busybox',
          command: ['echo', 'Ref::sample'],
          executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
          resourceRequirements: [
            {type: 'VCPU', value: '0.25'},
            {type: 'MEMORY', value: '512'},
          ],
        },
      }),
    )
    await events.send(new PutRuleCommand({Name: 'hourly-align', ScheduleExpression: 'rate(1 hour)'}))
    await events.send(
      new PutTargetsCommand({
        Rule: 'hourly-align',
        Targets: [
          {
            Id: 'align',
            Arn: queue,
            RoleArn: ROLE,
            BatchParameters: {JobDefinition: 'align', JobName: 'hourly-align', RetryStrategy: {Attempts: 2}},
            Input: '{"Parameters": {"sample": "S7"}}',
          },
        ],
      }),
    )
    emulator.clock.advance(60 * 60_000)
    const invocations = emulator.state<EventsState>('events').invocations
    await expect.poll(() => invocations[0]?.result ?? invocations[0]?.error).toBeDefined()
    expect(invocations[0]?.error).toBeUndefined()
    const {jobId} = invocations[0]!.result as {jobId: string}
    const {jobs} = await batch.send(new DescribeJobsCommand({jobs: [jobId]}))
    expect(jobs?.[0]).toMatchObject({jobName: 'hourly-align', jobQueue: queue, parameters: {sample: 'S7'}, retryStrategy: {attempts: 2}})
  })

  it('PutEvents starts a Step Functions execution with the transformed event as input', async () => {
    const {emulator} = await startBatch()
    const config = {endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}}
    const events = new EventBridgeClient(config)
    const sfn = new SFNClient(config)
    const {stateMachineArn} = await sfn.send(
      new CreateStateMachineCommand({
        name: 'ingest',
        roleArn: 'arn:aws:iam::123456789012:role/sfn',
        definition: JSON.stringify({StartAt: 'Done', States: {Done: {Type: 'Pass', End: true}}}),
      }),
    )
    await events.send(new PutRuleCommand({Name: 'uploads', EventPattern: JSON.stringify({source: ['lab'], 'detail-type': ['Upload']})}))
    await events.send(
      new PutTargetsCommand({
        Rule: 'uploads',
        Targets: [{Id: 'ingest', Arn: stateMachineArn, RoleArn: ROLE, InputPath: '$.detail'}],
      }),
    )
    await events.send(new PutEventsCommand({Entries: [{Source: 'lab', DetailType: 'Upload', Detail: '{"key":"run1.fastq"}'}]}))
    const invocations = emulator.state<EventsState>('events').invocations
    await expect.poll(() => invocations[0]?.result ?? invocations[0]?.error).toBeDefined()
    expect(invocations[0]?.error).toBeUndefined()
    const {executions} = await sfn.send(new ListExecutionsCommand({stateMachineArn}))
    expect(executions).toHaveLength(1)
    const execution = await sfn.send(new DescribeExecutionCommand({executionArn: executions![0]!.executionArn}))
    expect(JSON.parse(execution.input ?? 'null')).toEqual({key: 'run1.fastq'})
  })
})
