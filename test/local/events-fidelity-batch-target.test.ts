import {CreateSchedulingPolicyCommand, DescribeJobsCommand, RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import type {Emulator} from '../../src/local/emulator.js'
import type {EventsState} from '../../src/local/services/events/state.js'
import {createComputeEnvironment, createJobQueue, fargateResources, startBatch} from './batch-builders.js'

// What an EventBridge rule's Batch job queue target submits.
// AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html
//   (BatchParameters: JobDefinition, JobName, ArrayProperties, RetryStrategy; nothing else)
// AWS: https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html
//   ("Passing event information to an AWS Batch target": the input transformer's output is a
//   `Parameters` structure, and may carry a `ContainerOverrides` structure; nothing else is read)
// AWS: https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
//   (shareIdentifier must be given for a queue with a fair-share policy, and must not for one without)

const ROLE = 'arn:aws:iam::123456789012:role/events'

async function setup(fairShare: boolean) {
  const {emulator, batch} = await startBatch()
  const events = new EventBridgeClient({endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}, maxAttempts: 1})
  const ce = await createComputeEnvironment(batch, emulator, 'fargate', fargateResources())
  const extra: Record<string, unknown> = {}
  if (fairShare) {
    const policy = await batch.send(
      new CreateSchedulingPolicyCommand({name: 'teams', fairsharePolicy: {shareDistribution: [{shareIdentifier: 'alpha', weightFactor: 1}]}}),
    )
    extra.schedulingPolicyArn = policy.arn
  }
  const queue = await createJobQueue(batch, emulator, 'work', [ce], extra)
  await batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: 'echo',
      type: 'container',
      platformCapabilities: ['FARGATE'],
      containerProperties: {
        image: 'busybox',
        command: ['echo', 'Ref::key'],
        executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
        resourceRequirements: [
          {type: 'VCPU', value: '0.25'},
          {type: 'MEMORY', value: '512'},
        ],
      },
    }),
  )
  await events.send(new PutRuleCommand({Name: 'uploads', EventPattern: JSON.stringify({source: ['lab']})}))
  return {emulator, batch, events, queue}
}

async function fire(emulator: Emulator, events: EventBridgeClient) {
  await events.send(new PutEventsCommand({Entries: [{Source: 'lab', DetailType: 'Upload', Detail: '{"key":"run-1"}'}]}))
  const invocations = emulator.state<EventsState>('events').invocations
  await expect.poll(() => invocations[0]?.result ?? invocations[0]?.error).toBeDefined()
  return invocations[0]!
}

describe('EventBridge Batch targets read only Parameters and ContainerOverrides from the input', () => {
  it('ignores ShareIdentifier and SchedulingPriorityOverride in the input: a FIFO queue accepts the job', async () => {
    const {emulator, batch, events, queue} = await setup(false)
    await events.send(
      new PutTargetsCommand({
        Rule: 'uploads',
        Targets: [
          {
            Id: 'echo',
            Arn: queue,
            RoleArn: ROLE,
            BatchParameters: {JobDefinition: 'echo', JobName: 'from-upload'},
            InputTransformer: {
              InputPathsMap: {key: '$.detail.key'},
              InputTemplate: '{"ShareIdentifier": "alpha", "SchedulingPriorityOverride": 5, "Parameters": {"key": <key>}, "ContainerOverrides": {"Command": ["echo", "Ref::key", "done"]}}',
            },
          },
        ],
      }),
    )
    const invocation = await fire(emulator, events)
    // Had the share identifier been passed on, Batch would refuse it for a queue without a fair-share policy.
    expect(invocation.error).toBeUndefined()
    expect(invocation.request).not.toHaveProperty('shareIdentifier')
    expect(invocation.request).not.toHaveProperty('schedulingPriorityOverride')
    const {jobId} = invocation.result as {jobId: string}
    const {jobs} = await batch.send(new DescribeJobsCommand({jobs: [jobId]}))
    const job = jobs![0]!
    expect(job).toMatchObject({jobName: 'from-upload', jobQueue: queue, parameters: {key: 'run-1'}})
    expect(job.shareIdentifier).toBeUndefined()
    expect(job.schedulingPriority).toBeUndefined()
    expect(job.container?.command).toEqual(['echo', 'run-1', 'done'])
  })

  it('cannot submit to a fair-share queue: the share identifier in the input does not reach SubmitJob', async () => {
    const {emulator, events, queue} = await setup(true)
    await events.send(
      new PutTargetsCommand({
        Rule: 'uploads',
        Targets: [
          {
            Id: 'echo',
            Arn: queue,
            RoleArn: ROLE,
            BatchParameters: {JobDefinition: 'echo', JobName: 'from-upload'},
            Input: JSON.stringify({ShareIdentifier: 'alpha', Parameters: {key: 'fixed'}}),
          },
        ],
      }),
    )
    const invocation = await fire(emulator, events)
    expect(invocation.result).toBeUndefined()
    expect(invocation.error).toMatch(/^ClientException: Share identifier is required/)
  })
})
