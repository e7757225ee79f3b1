import {DescribeJobsCommand, RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  GetScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler'
import {describe, expect, it} from 'vitest'

import type {SchedulerState} from '../../src/local/services/scheduler/state.js'
import {startEmulator} from '../helpers/emulator.js'
import {createComputeEnvironment, createJobQueue, fargateResources, startBatch} from './batch-builders.js'

const ROLE = 'arn:aws:iam::123456789012:role/scheduler'
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly'
const SUBMIT_JOB = 'arn:aws:scheduler:::aws-sdk:batch:submitJob'
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

async function setup(start: number) {
  // A stopped clock (speed 0): time moves only when the test advances it.
  const {emulator, config} = await startEmulator({clock: {start, speed: 0}})
  const scheduler = new SchedulerClient({...config, maxAttempts: 1})
  const invocations = () => emulator.state<SchedulerState>('scheduler').invocations
  const times = () => invocations().map((i) => new Date(i.time).toISOString().slice(0, 16))
  return {emulator, scheduler, invocations, times}
}

const schedule = (overrides: Partial<CreateScheduleCommandInput>): CreateScheduleCommandInput => ({
  Name: 's',
  ScheduleExpression: 'rate(1 days)',
  FlexibleTimeWindow: {Mode: 'OFF'},
  Target: {Arn: MACHINE, RoleArn: ROLE},
  ...overrides,
})

// AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html (time zones, daylight saving time)
describe('EventBridge Scheduler fires cron schedules in their time zone', () => {
  it('keeps 09:00 local across the spring daylight-saving change', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 2, 6))
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(0 9 * * ? *)', ScheduleExpressionTimezone: 'America/New_York'})))
    emulator.clock.advance(4 * DAY)
    // EST is UTC-5 until 8 March 2026, EDT (UTC-4) after.
    expect(times()).toEqual(['2026-03-06T14:00', '2026-03-07T14:00', '2026-03-08T13:00', '2026-03-09T13:00'])
  })

  it('skips a wall time that the spring change removes', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 2, 7))
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(30 2 * * ? *)', ScheduleExpressionTimezone: 'America/New_York'})))
    emulator.clock.advance(3 * DAY)
    // 02:30 does not exist in New York on 8 March 2026.
    expect(times()).toEqual(['2026-03-07T07:30', '2026-03-09T06:30'])
  })

  it('runs a wall time that the autumn change repeats only once', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 9, 31))
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(30 1 * * ? *)', ScheduleExpressionTimezone: 'America/New_York'})))
    emulator.clock.advance(3 * DAY)
    // 01:30 happens twice in New York on 1 November 2026 (05:30Z EDT, 06:30Z EST).
    expect(times()).toEqual(['2026-10-31T05:30', '2026-11-01T05:30', '2026-11-02T06:30'])
  })

  it('does not repeat the invocations of the repeated hour for a frequent schedule', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 10, 1, 3, 50))
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(0/30 * * * ? *)', ScheduleExpressionTimezone: 'America/New_York'})))
    emulator.clock.advance(4 * 60 * MINUTE)
    expect(times()).toEqual(['2026-11-01T04:00', '2026-11-01T04:30', '2026-11-01T05:00', '2026-11-01T05:30', '2026-11-01T07:00', '2026-11-01T07:30'])
  })

  it('honours the year field and day-of-week numbers (1 = Sunday)', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 11, 20))
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(0 12 ? * 1 2027)'})))
    emulator.clock.advance(25 * DAY)
    // The first Sundays of 2027: 3 and 10 January.
    expect(times()).toEqual(['2027-01-03T12:00', '2027-01-10T12:00'])
  })
})

describe('EventBridge Scheduler rate and one-time schedules', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#rate-based
  it('starts a rate schedule without StartDate at once, and every period after', async () => {
    const start = Date.UTC(2026, 5, 1, 12)
    const {emulator, scheduler, times} = await setup(start)
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'rate(10 minutes)'})))
    emulator.clock.advance(25 * MINUTE)
    expect(times()).toEqual(['2026-06-01T12:00', '2026-06-01T12:10', '2026-06-01T12:20'])
  })

  it('invokes from StartDate and stops before EndDate', async () => {
    const start = Date.UTC(2026, 5, 1, 12)
    const {emulator, scheduler, times} = await setup(start)
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({ScheduleExpression: 'rate(10 minutes)', StartDate: new Date(start + 60 * MINUTE), EndDate: new Date(start + 90 * MINUTE)}),
      ),
    )
    emulator.clock.advance(3 * 60 * MINUTE)
    expect(times()).toEqual(['2026-06-01T13:00', '2026-06-01T13:10', '2026-06-01T13:20'])
  })

  it('fires an at() schedule once in its zone and deletes it afterwards when asked', async () => {
    const {emulator, scheduler, times} = await setup(Date.UTC(2026, 5, 1, 10))
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({Name: 'once', ScheduleExpression: 'at(2026-06-01T14:00:00)', ScheduleExpressionTimezone: 'Europe/Paris', ActionAfterCompletion: 'DELETE'}),
      ),
    )
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'kept', ScheduleExpression: 'at(2026-06-01T13:00:00)'})))
    emulator.clock.advance(2 * DAY)
    // Paris is UTC+2 in June.
    expect(times()).toEqual(['2026-06-01T12:00', '2026-06-01T13:00'])
    await expect(scheduler.send(new GetScheduleCommand({Name: 'once'}))).rejects.toMatchObject({name: 'ResourceNotFoundException'})
    await expect(scheduler.send(new GetScheduleCommand({Name: 'kept'}))).resolves.toMatchObject({State: 'ENABLED'})
  })

  it('does not fire while disabled, and follows an update to a new expression', async () => {
    const start = Date.UTC(2026, 5, 1, 12)
    const {emulator, scheduler, times} = await setup(start)
    await scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: 'cron(0 * * * ? *)', State: 'DISABLED'})))
    emulator.clock.advance(3 * 60 * MINUTE)
    expect(times()).toEqual([])
    await scheduler.send(new UpdateScheduleCommand(schedule({ScheduleExpression: 'cron(30 * * * ? *)'})))
    emulator.clock.advance(2 * 60 * MINUTE)
    expect(times()).toEqual(['2026-06-01T15:30', '2026-06-01T16:30'])
  })
})

describe('EventBridge Scheduler targets', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
  it('calls Batch SubmitJob for the universal target with Input as the request, and Step Functions with context attributes', async () => {
    const {emulator, scheduler, invocations} = await setup(Date.UTC(2026, 5, 1, 12))
    const request = {
      JobName: 'nightly',
      JobQueue: 'genomics',
      JobDefinition: 'align',
      Parameters: {Sample: 'S1'},
      ContainerOverrides: {Environment: [{Name: 'MODE', Value: 'full'}]},
    }
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'batch', Target: {Arn: SUBMIT_JOB, RoleArn: ROLE, Input: JSON.stringify(request)}})))
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({Name: 'flow', Target: {Arn: MACHINE, RoleArn: ROLE, Input: '{"at":"<aws.scheduler.scheduled-time>","by":"<aws.scheduler.schedule-arn>"}'}}),
      ),
    )
    emulator.clock.advance(MINUTE)
    const [batch, flow] = invocations()
    expect(batch).toMatchObject({service: 'batch', operation: 'SubmitJob', targetArn: SUBMIT_JOB})
    expect(batch?.request).toEqual({
      jobName: 'nightly',
      jobQueue: 'genomics',
      jobDefinition: 'align',
      parameters: {Sample: 'S1'},
      containerOverrides: {environment: [{name: 'MODE', value: 'full'}]},
    })
    expect(flow).toMatchObject({service: 'states', operation: 'StartExecution', sourceArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/flow'})
    expect(JSON.parse((flow?.request as {input: string}).input)).toEqual({
      at: '2026-06-01T12:00:00Z',
      by: 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/flow',
    })
    // The queue does not exist: the failure is recorded on the invocation.
    await expect.poll(() => batch?.error).toMatch(/^(ClientException|UnknownOperationException): /)
  })

  it('starts executions through the universal Step Functions target, and records targets it does not emulate', async () => {
    const {emulator, scheduler, invocations} = await setup(Date.UTC(2026, 5, 1, 12))
    const input = {StateMachineArn: MACHINE, Name: 'run-1', Input: '{"a":1}'}
    await scheduler.send(
      new CreateScheduleCommand(schedule({Name: 'sfn', Target: {Arn: 'arn:aws:scheduler:::aws-sdk:sfn:startExecution', RoleArn: ROLE, Input: JSON.stringify(input)}})),
    )
    const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:report'
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'lambda', Target: {Arn: lambda, RoleArn: ROLE}})))
    emulator.clock.advance(MINUTE)
    const [sfn, other] = invocations()
    expect(sfn).toMatchObject({service: 'states', operation: 'StartExecution', request: {stateMachineArn: MACHINE, name: 'run-1', input: '{"a":1}'}})
    expect(other).toMatchObject({targetArn: lambda, error: expect.stringMatching(/^NotEmulated: /)})
  })

  it('submits a real Batch job on schedule', async () => {
    const {emulator, batch} = await startBatch()
    const scheduler = new SchedulerClient({endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'a', secretAccessKey: 'b'}})
    const ce = await createComputeEnvironment(batch, emulator, 'fargate', fargateResources())
    await createJobQueue(batch, emulator, 'genomics', [ce])
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
    const input = {JobName: 'nightly', JobQueue: 'genomics', JobDefinition: 'align', Parameters: {sample: 'S1'}}
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'nightly', ScheduleExpression: 'rate(1 hours)', Target: {Arn: SUBMIT_JOB, RoleArn: ROLE, Input: JSON.stringify(input)}})))
    emulator.clock.advance(0)
    const invocations = emulator.state<SchedulerState>('scheduler').invocations
    await expect.poll(() => invocations[0]?.result ?? invocations[0]?.error).toBeDefined()
    expect(invocations[0]?.error).toBeUndefined()
    const {jobId} = invocations[0]!.result as {jobId: string}
    const {jobs} = await batch.send(new DescribeJobsCommand({jobs: [jobId]}))
    expect(jobs?.[0]).toMatchObject({jobName: 'nightly', parameters: {sample: 'S1'}})
    expect(jobs?.[0]?.jobQueue).toMatch(/job-queue\/genomics$/)
  })
})
