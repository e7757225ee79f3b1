import {
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  SchedulerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/scheduler'
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly'
const NOW = Date.UTC(2026, 5, 1, 12)

async function client() {
  // A stopped clock (speed 0) moves only when the test advances it.
  const {emulator, config} = await startEmulator({clock: {start: NOW, speed: 0}})
  return {emulator, scheduler: new SchedulerClient({...config, maxAttempts: 1})}
}

const schedule = (overrides: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: 'nightly',
  ScheduleExpression: 'cron(0 2 * * ? *)',
  FlexibleTimeWindow: {Mode: 'OFF'},
  Target: {Arn: MACHINE, RoleArn: ROLE},
  ...overrides,
})

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as {name: string; message: string; $metadata: {httpStatusCode?: number}} | undefined
  if (!error) throw new Error('expected the call to fail')
  return {name: error.name, message: error.message, status: error.$metadata.httpStatusCode}
}

describe('EventBridge Scheduler schedule groups', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateScheduleGroup.html
  it('has a default group; creates, tags, lists, gets and deletes groups', async () => {
    const {emulator, scheduler} = await client()
    const created = await scheduler.send(new CreateScheduleGroupCommand({Name: 'batchctl', Tags: [{Key: 'project', Value: 'genomics'}]}))
    expect(created.ScheduleGroupArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule-group/batchctl')
    expect(await failure(scheduler.send(new CreateScheduleGroupCommand({Name: 'batchctl'})))).toMatchObject({
      name: 'ConflictException',
      status: 409,
      message: 'Schedule group batchctl already exists.',
    })
    const group = await scheduler.send(new GetScheduleGroupCommand({Name: 'batchctl'}))
    expect(group).toMatchObject({Name: 'batchctl', State: 'ACTIVE', Arn: created.ScheduleGroupArn})
    expect(group.CreationDate?.getTime()).toBe(NOW)

    const first = await scheduler.send(new ListScheduleGroupsCommand({MaxResults: 1}))
    expect(first.ScheduleGroups?.map((g) => g.Name)).toEqual(['batchctl'])
    const second = await scheduler.send(new ListScheduleGroupsCommand({MaxResults: 1, NextToken: first.NextToken}))
    expect(second.ScheduleGroups?.map((g) => g.Name)).toEqual(['default'])
    expect(second.NextToken).toBeUndefined()

    expect((await scheduler.send(new ListTagsForResourceCommand({ResourceArn: created.ScheduleGroupArn}))).Tags).toEqual([
      {Key: 'project', Value: 'genomics'},
    ])
    await scheduler.send(new TagResourceCommand({ResourceArn: created.ScheduleGroupArn, Tags: [{Key: 'owner', Value: 'me'}]}))
    await scheduler.send(new UntagResourceCommand({ResourceArn: created.ScheduleGroupArn, TagKeys: ['project']}))
    expect((await scheduler.send(new ListTagsForResourceCommand({ResourceArn: created.ScheduleGroupArn}))).Tags).toEqual([
      {Key: 'owner', Value: 'me'},
    ])

    // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_DeleteScheduleGroup.html
    // The group stays DELETING until its schedules are gone; its name cannot be reused meanwhile.
    await scheduler.send(new DeleteScheduleGroupCommand({Name: 'batchctl'}))
    expect((await scheduler.send(new GetScheduleGroupCommand({Name: 'batchctl'}))).State).toBe('DELETING')
    expect((await failure(scheduler.send(new CreateScheduleGroupCommand({Name: 'batchctl'})))).name).toBe('ConflictException')
    expect((await failure(scheduler.send(new CreateScheduleCommand(schedule({GroupName: 'batchctl'}))))).name).toBe('ConflictException')
    emulator.clock.advance(1000)
    expect(await failure(scheduler.send(new GetScheduleGroupCommand({Name: 'batchctl'})))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
      message: 'Schedule group batchctl does not exist.',
    })
    expect((await failure(scheduler.send(new DeleteScheduleGroupCommand({Name: 'default'})))).name).toBe('ValidationException')
  })

  it('deletes the schedules of a deleted group', async () => {
    const {emulator, scheduler} = await client()
    await scheduler.send(new CreateScheduleGroupCommand({Name: 'g'}))
    await scheduler.send(new CreateScheduleCommand(schedule({GroupName: 'g', ScheduleExpression: 'rate(5 minutes)'})))
    emulator.clock.advance(0)
    const invocations = emulator.state<{invocations: unknown[]}>('scheduler').invocations
    const before = invocations.length
    await scheduler.send(new DeleteScheduleGroupCommand({Name: 'g'}))
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([])
    expect((await scheduler.send(new ListScheduleGroupsCommand({}))).ScheduleGroups?.map((g) => [g.Name, g.State])).toEqual([
      ['default', 'ACTIVE'],
      ['g', 'DELETING'],
    ])
    // Its timer went with it.
    emulator.clock.advance(60 * 60_000)
    expect(invocations).toHaveLength(before)
  })

  it('tags schedule groups only (schedules take no tags)', async () => {
    const {scheduler} = await client()
    const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule()))
    expect((await failure(scheduler.send(new TagResourceCommand({ResourceArn: ScheduleArn, Tags: [{Key: 'a', Value: 'b'}]})))).name).toBe(
      'ValidationException',
    )
    const missing = 'arn:aws:scheduler:us-east-1:123456789012:schedule-group/ghost'
    expect((await failure(scheduler.send(new ListTagsForResourceCommand({ResourceArn: missing})))).name).toBe('ResourceNotFoundException')
  })
})

describe('EventBridge Scheduler schedules', () => {
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_GetSchedule.html
  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html
  it('creates a schedule and fills in the defaults AWS fills in', async () => {
    const {scheduler} = await client()
    const {ScheduleArn} = await scheduler.send(new CreateScheduleCommand(schedule({Description: 'nightly run'})))
    expect(ScheduleArn).toBe('arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly')
    const got = await scheduler.send(new GetScheduleCommand({Name: 'nightly'}))
    expect(got).toMatchObject({
      Arn: ScheduleArn,
      Name: 'nightly',
      GroupName: 'default',
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      State: 'ENABLED',
      ActionAfterCompletion: 'NONE',
      Description: 'nightly run',
      FlexibleTimeWindow: {Mode: 'OFF'},
      Target: {Arn: MACHINE, RoleArn: ROLE, RetryPolicy: {MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185}},
    })
    expect(got.CreationDate?.getTime()).toBe(NOW)
    expect(got.StartDate).toBeUndefined()
    expect(await failure(scheduler.send(new CreateScheduleCommand(schedule())))).toMatchObject({
      name: 'ConflictException',
      status: 409,
      message: 'Schedule nightly already exists.',
    })
    expect(await failure(scheduler.send(new CreateScheduleCommand(schedule({GroupName: 'ghost'}))))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    })
    expect(await failure(scheduler.send(new GetScheduleCommand({Name: 'ghost'})))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Schedule ghost does not exist.',
    })
  })

  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (ClientToken)
  it('answers a retried create (same ClientToken) as the first one, and a new create with ConflictException', async () => {
    const {scheduler} = await client()
    const first = await scheduler.send(new CreateScheduleCommand(schedule({ClientToken: 'token-1'})))
    const again = await scheduler.send(new CreateScheduleCommand(schedule({ClientToken: 'token-1'})))
    expect(again.ScheduleArn).toBe(first.ScheduleArn)
    expect((await failure(scheduler.send(new CreateScheduleCommand(schedule({ClientToken: 'token-2'}))))).name).toBe('ConflictException')
    const group = await scheduler.send(new CreateScheduleGroupCommand({Name: 'g', ClientToken: 'token-3'}))
    await expect(scheduler.send(new CreateScheduleGroupCommand({Name: 'g', ClientToken: 'token-3'}))).resolves.toEqual(
      expect.objectContaining({ScheduleGroupArn: group.ScheduleGroupArn}),
    )
    expect((await failure(scheduler.send(new CreateScheduleGroupCommand({Name: 'g'})))).name).toBe('ConflictException')
  })

  // AWS: https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
  it.each([
    ['cron(0 2 * * ? *)', true],
    ['cron(0/15 8-17 ? * MON-FRI *)', true],
    // The Scheduler user guide shows plural units (also for 1: hashicorp/terraform-provider-aws#31471);
    // its API reference lists minute | minutes | hour | hours | day | days. Both forms pass.
    // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_GetSchedule.html (ScheduleExpression)
    ['rate(1 minutes)', true],
    ['rate(1 hours)', true],
    ['rate(1 hour)', true],
    ['rate(15 minutes)', true],
    ['rate(2 hours)', true],
    ['rate(3 days)', true],
    ['rate(1 fortnight)', false],
    ['at(2026-07-04T09:30:00)', true],
    ['cron(0 2 * * *)', false],
    ['cron(0 2 * * * *)', false],
    ['rate(0 minutes)', false],
    ['at(2026-02-30T09:30:00)', false],
    ['at(2026-07-04 09:30:00)', false],
    ['at(2026-07-04T25:00:00)', false],
  ])('schedule expression %s is accepted: %s', async (expression, ok) => {
    const {scheduler} = await client()
    const result = scheduler.send(new CreateScheduleCommand(schedule({ScheduleExpression: expression})))
    if (ok) await expect(result).resolves.toMatchObject({ScheduleArn: expect.any(String)})
    // The message as reported from AWS: https://github.com/localstack/localstack/issues/9284
    else expect(await failure(result)).toMatchObject({name: 'ValidationException', status: 400, message: `Invalid Schedule Expression ${expression}`})
  })

  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
  it('validates time zone, time window, dates, state, role and universal target input', async () => {
    const {scheduler} = await client()
    const create = (overrides: Partial<CreateScheduleCommandInput>) => failure(scheduler.send(new CreateScheduleCommand(schedule(overrides))))
    for (const zone of ['Mars/Olympus', '+02:00', 'GMT+5', 'Europe/paris']) {
      expect((await create({ScheduleExpressionTimezone: zone})).name).toBe('ValidationException')
    }
    for (const [i, zone] of ['Europe/Paris', 'US/Eastern', 'Etc/GMT+5', 'UTC'].entries()) {
      await expect(scheduler.send(new CreateScheduleCommand(schedule({Name: `tz-${i}`, ScheduleExpressionTimezone: zone})))).resolves.toBeDefined()
    }
    expect((await create({FlexibleTimeWindow: {Mode: 'FLEXIBLE'}})).message).toMatch(/MaximumWindowInMinutes/)
    expect((await create({FlexibleTimeWindow: {Mode: 'FLEXIBLE', MaximumWindowInMinutes: 1441}})).message).toMatch(
      /less than or equal to 1440/,
    )
    expect((await create({FlexibleTimeWindow: {Mode: 'OFF', MaximumWindowInMinutes: 5}})).name).toBe('ValidationException')
    // AWS's message: https://github.com/getmoto/moto/pull/8172
    expect((await create({StartDate: new Date(NOW - 60 * 60_000)})).message).toBe(
      'The StartDate you specify cannot be earlier than 5 minutes ago.',
    )
    expect((await create({StartDate: new Date(NOW + 2 * 3_600_000), EndDate: new Date(NOW + 3_600_000)})).name).toBe(
      'ValidationException',
    )
    expect((await create({State: 'PAUSED' as 'ENABLED'})).message).toMatch(/enum value set/)
    expect((await create({Target: {Arn: MACHINE, RoleArn: 'admin'}})).message).toMatch(/at 'target.roleArn'/)
    expect((await create({Target: {Arn: MACHINE, RoleArn: ROLE, RetryPolicy: {MaximumRetryAttempts: 186}}})).name).toBe(
      'ValidationException',
    )
    expect(
      (await create({Target: {Arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob', RoleArn: ROLE, Input: 'not json'}})).name,
    ).toBe('ValidationException')
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules?.map((s) => s.Name)).toEqual(['tz-0', 'tz-1', 'tz-2', 'tz-3'])
  })

  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_UpdateSchedule.html
  it('UpdateSchedule replaces the whole schedule: omitted fields go back to their defaults', async () => {
    const {scheduler} = await client()
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Description: 'old',
          State: 'DISABLED',
          ScheduleExpressionTimezone: 'Europe/Paris',
          ActionAfterCompletion: 'DELETE',
          Target: {Arn: MACHINE, RoleArn: ROLE, Input: '{"a":1}', RetryPolicy: {MaximumRetryAttempts: 3}},
        }),
      ),
    )
    const before = await scheduler.send(new GetScheduleCommand({Name: 'nightly'}))
    await scheduler.send(new UpdateScheduleCommand(schedule({ScheduleExpression: 'rate(1 hours)'})))
    const after = await scheduler.send(new GetScheduleCommand({Name: 'nightly'}))
    expect(after).toMatchObject({
      Arn: before.Arn,
      ScheduleExpression: 'rate(1 hours)',
      State: 'ENABLED',
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'NONE',
      Target: {Arn: MACHINE, RoleArn: ROLE, RetryPolicy: {MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185}},
    })
    expect(after.Description).toBeUndefined()
    expect(after.Target?.Input).toBeUndefined()
    expect(after.CreationDate?.getTime()).toBe(before.CreationDate?.getTime())
    expect((await failure(scheduler.send(new UpdateScheduleCommand(schedule({Name: 'ghost'}))))).name).toBe('ResourceNotFoundException')
  })

  // AWS: https://docs.aws.amazon.com/scheduler/latest/APIReference/API_ListSchedules.html
  it('lists schedules by group, prefix and state, a page at a time, and deletes them', async () => {
    const {scheduler} = await client()
    await scheduler.send(new CreateScheduleGroupCommand({Name: 'batchctl'}))
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'a-1', GroupName: 'batchctl'})))
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'a-2', GroupName: 'batchctl', State: 'DISABLED'})))
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'a-3', GroupName: 'batchctl'})))
    await scheduler.send(new CreateScheduleCommand(schedule({Name: 'a-1'})))
    const inGroup = await scheduler.send(new ListSchedulesCommand({GroupName: 'batchctl', MaxResults: 2}))
    expect(inGroup.Schedules?.map((s) => s.Name)).toEqual(['a-1', 'a-2'])
    expect(inGroup.Schedules?.[0]).toMatchObject({GroupName: 'batchctl', State: 'ENABLED', Target: {Arn: MACHINE}})
    const rest = await scheduler.send(new ListSchedulesCommand({GroupName: 'batchctl', MaxResults: 2, NextToken: inGroup.NextToken}))
    expect(rest.Schedules?.map((s) => s.Name)).toEqual(['a-3'])
    const disabled = await scheduler.send(new ListSchedulesCommand({State: 'DISABLED'}))
    expect(disabled.Schedules?.map((s) => s.Name)).toEqual(['a-2'])
    expect((await scheduler.send(new ListSchedulesCommand({NamePrefix: 'a-'}))).Schedules).toHaveLength(4)
    await scheduler.send(new DeleteScheduleCommand({Name: 'a-1', GroupName: 'batchctl'}))
    expect((await scheduler.send(new ListSchedulesCommand({NamePrefix: 'a-1'}))).Schedules?.map((s) => s.GroupName)).toEqual(['default'])
    expect((await failure(scheduler.send(new DeleteScheduleCommand({Name: 'a-1', GroupName: 'batchctl'})))).status).toBe(404)
    expect((await failure(scheduler.send(new ListSchedulesCommand({MaxResults: 0})))).name).toBe('ValidationException')
  })
})

describe('EventBridge Scheduler state file', () => {
  it('keeps groups, schedules and tags across a restart, and re-arms schedules', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batchctl-scheduler-')), 'state.json')
    const first = await startEmulator({stateFile: file, clock: {start: NOW, speed: 0}})
    const scheduler = new SchedulerClient(first.config)
    const {ScheduleGroupArn} = await scheduler.send(new CreateScheduleGroupCommand({Name: 'g', Tags: [{Key: 'k', Value: 'v'}]}))
    await scheduler.send(new CreateScheduleCommand(schedule({GroupName: 'g', ScheduleExpression: 'cron(0 * * * ? *)'})))
    await first.emulator.stop()

    const second = await startEmulator({stateFile: file, clock: {start: NOW, speed: 0}})
    const again = new SchedulerClient(second.config)
    expect(await again.send(new GetScheduleCommand({Name: 'nightly', GroupName: 'g'}))).toMatchObject({ScheduleExpression: 'cron(0 * * * ? *)'})
    expect((await again.send(new ListTagsForResourceCommand({ResourceArn: ScheduleGroupArn}))).Tags).toEqual([{Key: 'k', Value: 'v'}])
    second.emulator.clock.advance(2 * 60 * 60_000)
    expect(second.emulator.state<{invocations: unknown[]}>('scheduler').invocations).toHaveLength(2)
  })
})
