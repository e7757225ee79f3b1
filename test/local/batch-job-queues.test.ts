import {
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DeleteComputeEnvironmentCommand,
  CreateSchedulingPolicyCommand,
  DeleteJobQueueCommand,
  DescribeJobQueuesCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {
  createComputeEnvironment,
  createJobQueue,
  describeQueue,
  expectClientException,
  fargateResources,
  startBatch,
  TRANSITION_MS,
} from './batch-builders.js'

// AWS: CreateJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html
// AWS: JobQueueDetail — https://docs.aws.amazon.com/batch/latest/APIReference/API_JobQueueDetail.html

describe('Batch CreateJobQueue', () => {
  it('creates a queue CREATING, then VALID, storing compute environment ARNs even when names were given', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    const created = await batch.send(
      new CreateJobQueueCommand({jobQueueName: 'q', priority: 10, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'ce'}]}),
    )
    expect({jobQueueName: created.jobQueueName, jobQueueArn: created.jobQueueArn}).toEqual({jobQueueName: 'q', jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/q'})
    expect((await describeQueue(batch, 'q'))?.status).toBe('CREATING')
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeQueue(batch, 'q')).toEqual({
      jobQueueName: 'q',
      jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/q',
      state: 'ENABLED',
      status: 'VALID',
      statusReason: 'JobQueue Healthy',
      priority: 10,
      computeEnvironmentOrder: [{order: 1, computeEnvironment: ce}],
      tags: {},
      jobStateTimeLimitActions: [],
    })
  })

  it('refuses a duplicate name', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await createJobQueue(batch, emulator, 'q', [ce])
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: ce}]})),
      /Object already exists/,
    )
  })

  it('refuses a missing compute environment', async () => {
    const {batch} = await startBatch()
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'ghost'}]})),
      /^arn:aws:batch:us-east-1:123456789012:compute-environment\/ghost does not exist$/,
    )
  })

  it('refuses a compute environment that is not VALID yet, and one that went INVALID', async () => {
    const {emulator, batch} = await startBatch()
    await batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: 'young', type: 'MANAGED', computeResources: fargateResources()}))
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'young'}]})),
      /must be created and valid before attaching to a job queue/,
    )
    await createComputeEnvironment(batch, emulator, 'broken', {
      type: 'EC2',
      minvCpus: 0,
      maxvCpus: 4,
      instanceTypes: ['m5'],
      subnets: ['subnet-0abc1234'],
      securityGroupIds: ['sg-0abc1234'],
      instanceRole: 'arn:aws:iam::123456789012:role/notAProfile',
    })
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'broken'}]})),
      /must be valid before attaching to a job queue \(status INVALID\)/,
    )
  })

  it('refuses mixing Fargate and EC2 compute environments', async () => {
    const {emulator, batch} = await startBatch()
    const ec2 = await createComputeEnvironment(batch, emulator, 'ec2')
    const fargate = await createComputeEnvironment(batch, emulator, 'fg', fargateResources())
    await expectClientException(
      batch.send(
        new CreateJobQueueCommand({
          jobQueueName: 'q',
          priority: 1,
          computeEnvironmentOrder: [
            {order: 1, computeEnvironment: ec2},
            {order: 2, computeEnvironment: fargate},
          ],
        }),
      ),
      /cannot mix Fargate/,
    )
  })

  it('accepts FARGATE with FARGATE_SPOT, and EC2 with SPOT, in one queue', async () => {
    const {emulator, batch} = await startBatch()
    const fargate = await createComputeEnvironment(batch, emulator, 'fg', fargateResources())
    const fargateSpot = await createComputeEnvironment(batch, emulator, 'fgs', fargateResources({type: 'FARGATE_SPOT'}))
    const ec2 = await createComputeEnvironment(batch, emulator, 'ec2')
    const spot = await createComputeEnvironment(batch, emulator, 'spot', {
      type: 'SPOT',
      allocationStrategy: 'SPOT_CAPACITY_OPTIMIZED',
      minvCpus: 0,
      maxvCpus: 4,
      instanceTypes: ['m5'],
      subnets: ['subnet-0abc1234'],
      securityGroupIds: ['sg-0abc1234'],
      instanceRole: 'ecsInstanceRole',
    })
    await createJobQueue(batch, emulator, 'fq', [fargate, fargateSpot])
    await createJobQueue(batch, emulator, 'eq', [ec2, spot])
    expect((await describeQueue(batch, 'fq'))?.status).toBe('VALID')
    expect((await describeQueue(batch, 'eq'))?.computeEnvironmentOrder).toHaveLength(2)
  })

  it('refuses more than 3 compute environments, duplicate orders and an empty order', async () => {
    const {emulator, batch} = await startBatch()
    const arns = []
    for (const name of ['a', 'b', 'c', 'd']) arns.push(await createComputeEnvironment(batch, emulator, name))
    const order = arns.map((computeEnvironment, i) => ({order: i + 1, computeEnvironment}))
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: order})),
      /at most 3/,
    )
    await expectClientException(
      batch.send(
        new CreateJobQueueCommand({
          jobQueueName: 'q',
          priority: 1,
          computeEnvironmentOrder: [
            {order: 1, computeEnvironment: arns[0]},
            {order: 1, computeEnvironment: arns[1]},
          ],
        }),
      ),
      /order 1 more than once/,
    )
    await expectClientException(batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: []})), /at least one/)
  })

  it.each([
    ['a priority above 1000', {priority: 1001}, /priority must be between 0 and 1000/],
    ['a negative priority', {priority: -1}, /priority/],
    ['no priority', {priority: undefined}, /priority is required/],
    ['an unknown scheduling policy', {schedulingPolicyArn: 'arn:aws:batch:us-east-1:123456789012:scheduling-policy/none'}, /does not exist/],
    [
      'a time limit action under 600 seconds',
      {jobStateTimeLimitActions: [{reason: 'stuck', state: 'RUNNABLE', maxTimeSeconds: 60, action: 'CANCEL'}]},
      /maxTimeSeconds must be between 600 and 86400/,
    ],
  ])('refuses %s', async (_label, overrides, message) => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await expectClientException(
      batch.send(new CreateJobQueueCommand({jobQueueName: 'q', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: ce}], ...overrides} as any)),
      message,
    )
  })
})

// AWS: UpdateJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateJobQueue.html
describe('Batch UpdateJobQueue', () => {
  it('updates priority, state and order through UPDATING back to VALID', async () => {
    const {emulator, batch} = await startBatch()
    const a = await createComputeEnvironment(batch, emulator, 'a')
    const b = await createComputeEnvironment(batch, emulator, 'b')
    await createJobQueue(batch, emulator, 'q', [a])
    await batch.send(
      new UpdateJobQueueCommand({
        jobQueue: 'q',
        priority: 50,
        state: 'DISABLED',
        computeEnvironmentOrder: [
          {order: 1, computeEnvironment: 'b'},
          {order: 2, computeEnvironment: a},
        ],
      }),
    )
    expect((await describeQueue(batch, 'q'))?.status).toBe('UPDATING')
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeQueue(batch, 'q')).toMatchObject({
      status: 'VALID',
      state: 'DISABLED',
      priority: 50,
      computeEnvironmentOrder: [
        {order: 1, computeEnvironment: b},
        {order: 2, computeEnvironment: a},
      ],
    })
  })

  it('lets a fair-share queue switch policies but not drop its policy; a FIFO queue cannot gain one', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    const {arn: p1} = await batch.send(new CreateSchedulingPolicyCommand({name: 'p1', fairsharePolicy: {}}))
    const {arn: p2} = await batch.send(new CreateSchedulingPolicyCommand({name: 'p2', fairsharePolicy: {}}))
    await createJobQueue(batch, emulator, 'fair', [ce], {schedulingPolicyArn: p1})
    await createJobQueue(batch, emulator, 'fifo', [ce])
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'fair', schedulingPolicyArn: p2}))
    emulator.clock.advance(TRANSITION_MS)
    expect((await describeQueue(batch, 'fair'))?.schedulingPolicyArn).toBe(p2)
    await expectClientException(batch.send(new UpdateJobQueueCommand({jobQueue: 'fair', schedulingPolicyArn: ''})), /replaced but not removed/)
    await expectClientException(batch.send(new UpdateJobQueueCommand({jobQueue: 'fifo', schedulingPolicyArn: p1})), /can't have a fair-share scheduling policy added/)
  })

  it('refuses an order naming a non-VALID environment and keeps the old order', async () => {
    const {emulator, batch} = await startBatch()
    const a = await createComputeEnvironment(batch, emulator, 'a')
    const b = await createComputeEnvironment(batch, emulator, 'b')
    await createJobQueue(batch, emulator, 'q', [a])
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'b', state: 'DISABLED'}))
    await expectClientException(
      batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: b}]})),
      /UPDATING/,
    )
    expect((await describeQueue(batch, 'q'))?.computeEnvironmentOrder).toEqual([{order: 1, computeEnvironment: a}])
  })
})

// AWS: DeleteJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteJobQueue.html
// ("You must first disable submissions for a queue with the UpdateJobQueue operation.")
describe('Batch DeleteJobQueue', () => {
  it('refuses an ENABLED queue, then deletes a DISABLED one: DELETING, then gone', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    const arn = await createJobQueue(batch, emulator, 'q', [ce])
    await expectClientException(batch.send(new DeleteJobQueueCommand({jobQueue: 'q'})), /must be DISABLED/)
    await batch.send(new UpdateJobQueueCommand({jobQueue: arn, state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteJobQueueCommand({jobQueue: arn}))
    expect((await describeQueue(batch, 'q'))?.status).toBe('DELETING')
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeQueue(batch, 'q')).toBeUndefined()
  })

  it('holds the relationship to its compute environments until the queue is gone', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await createJobQueue(batch, emulator, 'q', [ce], {state: 'DISABLED'})
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteJobQueueCommand({jobQueue: 'q'}))
    await expectClientException(batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'ce'})), /found existing JobQueue relationship/)
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'ce'}))
  })
})

describe('Batch DeleteJobQueue and the eventual-consistency window', () => {
  it('keeps refusing to delete the compute environment for eventualConsistencyMs after the queue is gone', async () => {
    const {emulator, batch} = await startBatch({eventualConsistencyMs: 3000})
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await createJobQueue(batch, emulator, 'q', [ce])
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', state: 'DISABLED'}))
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteJobQueueCommand({jobQueue: 'q'}))
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeQueue(batch, 'q')).toBeUndefined()
    await expectClientException(batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'ce'})), /^Cannot delete, found existing JobQueue relationship$/)
    emulator.clock.advance(3000)
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'ce'}))
  })
})

describe('Batch DescribeJobQueues', () => {
  it('pages across queues and finds them by name or ARN', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    const arns = []
    for (const name of ['q1', 'q2', 'q3']) arns.push(await createJobQueue(batch, emulator, name, [ce]))
    const first = await batch.send(new DescribeJobQueuesCommand({maxResults: 2}))
    expect(first.jobQueues?.map((q) => q.jobQueueName)).toEqual(['q1', 'q2'])
    const second = await batch.send(new DescribeJobQueuesCommand({maxResults: 2, nextToken: first.nextToken}))
    expect(second.jobQueues?.map((q) => q.jobQueueName)).toEqual(['q3'])
    expect(second.nextToken).toBeUndefined()
    const byRef = await batch.send(new DescribeJobQueuesCommand({jobQueues: [arns[2]!, 'q1']}))
    expect(byRef.jobQueues?.map((q) => q.jobQueueName)).toEqual(['q1', 'q3'])
    await expectClientException(batch.send(new DescribeJobQueuesCommand({maxResults: 1000})), /maxResults/)
    await expectClientException(batch.send(new DescribeJobQueuesCommand({jobQueues: ['q1'], maxResults: 5})), /JobQueues and MaxResults cannot both be set/)
  })
})
