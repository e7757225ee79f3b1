import {CreateScheduleCommand, type CreateScheduleCommandInput, GetScheduleCommand, ListScheduleGroupsCommand, ListSchedulesCommand, SchedulerClient, UpdateScheduleCommand} from '@aws-sdk/client-scheduler'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/scheduler'

async function client() {
  const {config} = await startEmulator({clock: {start: Date.UTC(2026, 5, 1, 12), speed: 0}})
  return new SchedulerClient({...config, maxAttempts: 1})
}

const schedule = (name: string, arn: string, input = '{}'): CreateScheduleCommandInput => ({
  Name: name,
  ScheduleExpression: 'rate(5 minutes)',
  FlexibleTimeWindow: {Mode: 'OFF'},
  Target: {Arn: arn, RoleArn: ROLE, Input: input},
})

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as {name: string; message: string; $metadata: {httpStatusCode?: number}} | undefined
  if (!error) throw new Error('expected the call to fail')
  return {name: error.name, message: error.message, status: error.$metadata.httpStatusCode}
}

describe('EventBridge Scheduler universal targets', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
  //   ("Unsupported actions": read-only actions beginning with get, describe, list, poll, receive,
  //   search, scan, query, select, read, lookup, discover, validate, batchGet, ... are not supported)
  it('refuses read-only API actions on create and update', async () => {
    const scheduler = await client()
    for (const action of ['describeJobs', 'listJobs', 'getQueueUrl', 'batchGetItem', 'describeExecution']) {
      const service = action === 'describeExecution' ? 'sfn' : action === 'batchGetItem' ? 'dynamodb' : action === 'getQueueUrl' ? 'sqs' : 'batch'
      const refused = await failure(scheduler.send(new CreateScheduleCommand(schedule(`s-${action}`, `arn:aws:scheduler:::aws-sdk:${service}:${action}`))))
      expect(refused).toMatchObject({name: 'ValidationException', status: 400})
      expect(refused.message).toContain('read-only')
    }
    await scheduler.send(new CreateScheduleCommand(schedule('submit', 'arn:aws:scheduler:::aws-sdk:batch:submitJob', '{"JobName":"j","JobQueue":"q","JobDefinition":"d"}')))
    expect(
      await failure(scheduler.send(new UpdateScheduleCommand(schedule('submit', 'arn:aws:scheduler:::aws-sdk:batch:listJobs')))),
    ).toMatchObject({name: 'ValidationException', status: 400})
  })

  it('accepts write actions', async () => {
    const scheduler = await client()
    for (const [name, arn] of [
      ['terminate', 'arn:aws:scheduler:::aws-sdk:batch:terminateJob'],
      ['start', 'arn:aws:scheduler:::aws-sdk:sfn:startExecution'],
      ['update-queue', 'arn:aws:scheduler:::aws-sdk:batch:updateJobQueue'],
    ] as const) {
      const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule(name, arn, '{"jobId":"x","reason":"r"}')))
      expect(ScheduleArn).toBe(`arn:aws:scheduler:us-east-1:123456789012:schedule/default/${name}`)
    }
  })
})

describe('EventBridge Scheduler templated targets', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html (Input: "If you are
  // configuring a templated Lambda, AWS Step Functions, or Amazon EventBridge target, the input must be
  // a well-formed JSON. For all other target types, a JSON is not required.")
  it('needs JSON input for Lambda, Step Functions and EventBridge targets only', async () => {
    const scheduler = await client()
    for (const arn of [
      'arn:aws:states:us-east-1:123456789012:stateMachine:nightly',
      'arn:aws:lambda:us-east-1:123456789012:function:notify',
      'arn:aws:events:us-east-1:123456789012:event-bus/default',
    ]) {
      expect(await failure(scheduler.send(new CreateScheduleCommand(schedule(`t${arn.length}`, arn, 'run now'))))).toMatchObject({
        name: 'ValidationException',
        status: 400,
      })
      // Context attributes inside JSON strings keep the input JSON.
      await scheduler.send(new CreateScheduleCommand(schedule(`ok${arn.length}`, arn, '{"at":"<aws.scheduler.scheduled-time>"}')))
    }
    // An SQS message body is free text.
    const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule('sqs', 'arn:aws:sqs:us-east-1:123456789012:jobs', 'run now')))
    expect(ScheduleArn).toMatch(/schedule\/default\/sqs$/)
    expect(
      await failure(scheduler.send(new UpdateScheduleCommand(schedule('sqs', 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly', 'run now')))),
    ).toMatchObject({name: 'ValidationException', status: 400})
  })
})

describe('EventBridge Scheduler list filters', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_ListSchedules.html and
  // API_ListScheduleGroups.html (GroupName, NamePrefix: 1-64 characters matching [0-9a-zA-Z-_.]+).
  it('refuses group names and prefixes outside the pattern', async () => {
    const scheduler = await client()
    await scheduler.send(new CreateScheduleCommand(schedule('nightly.run', 'arn:aws:sqs:us-east-1:123456789012:jobs')))
    for (const call of [
      scheduler.send(new ListSchedulesCommand({GroupName: 'bad group'})),
      scheduler.send(new ListSchedulesCommand({NamePrefix: 'night/'})),
      scheduler.send(new ListScheduleGroupsCommand({NamePrefix: 'de*'})),
      scheduler.send(new ListSchedulesCommand({GroupName: 'g'.repeat(65)})),
    ]) {
      expect(await failure(call)).toMatchObject({name: 'ValidationException', status: 400})
    }
    const listed = await scheduler.send(new ListSchedulesCommand({GroupName: 'default', NamePrefix: 'nightly.'}))
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['nightly.run'])
    expect((await scheduler.send(new ListScheduleGroupsCommand({NamePrefix: 'def'}))).ScheduleGroups?.map((g) => g.Name)).toEqual(['default'])
  })
})

describe('EventBridge Scheduler schedule defaults', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (GroupName
  // defaults to default; State to ENABLED; ActionAfterCompletion NONE) and API_RetryPolicy.html
  // (MaximumEventAgeInSeconds 86400 and MaximumRetryAttempts 185 by default)
  it('fills GroupName, State, ActionAfterCompletion and the retry policy', async () => {
    const scheduler = await client()
    const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule('nightly', 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly')))
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly')
    const got = await scheduler.send(new GetScheduleCommand({Name: 'nightly'}))
    expect(got).toMatchObject({
      GroupName: 'default',
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      FlexibleTimeWindow: {Mode: 'OFF'},
      Target: {RetryPolicy: {MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185}},
    })
  })
})

describe('EventBridge Scheduler templated target services', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html ("a complete
  // list of all templated targets": CodeBuild, CodePipeline, ECS, EventBridge, Inspector, Kinesis, Firehose,
  // Lambda, SageMaker, SNS, SQS, Step Functions); other services are reached through universal targets.
  it('refuses a Batch job queue ARN as a templated target and takes the universal submitJob target', async () => {
    const scheduler = await client()
    const queue = 'arn:aws:batch:us-east-1:123456789012:job-queue/genomics'
    const refused = await failure(scheduler.send(new CreateScheduleCommand(schedule('direct', queue, '{"JobName":"j"}'))))
    expect(refused).toMatchObject({name: 'ValidationException', status: 400, message: 'batch is not a supported service for a target.'})
    const input = JSON.stringify({JobName: 'j', JobQueue: queue, JobDefinition: 'align'})
    const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule('universal', 'arn:aws:scheduler:::aws-sdk:batch:submitJob', input)))
    expect(ScheduleArn).toMatch(/schedule\/default\/universal$/)
    for (const arn of ['arn:aws:sns:us-east-1:123456789012:alerts', 'arn:aws:kinesis:us-east-1:123456789012:stream/s', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/d']) {
      await scheduler.send(new CreateScheduleCommand(schedule(`ok-${arn.split(':')[2]}`, arn, 'x')))
    }
  })
})
