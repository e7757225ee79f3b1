import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

const QUEUE = 'arn:aws:batch:us-east-1:123456789012:job-queue/default'
const ROLE = 'arn:aws:iam::123456789012:role/events-batch'

async function client() {
  const {emulator, config} = await startEmulator()
  // One attempt: the SDK retries LimitExceededException as throttling, as it would against AWS.
  return {emulator, events: new EventBridgeClient({...config, maxAttempts: 1})}
}

async function failure(promise: Promise<unknown>): Promise<{name: string; message: string; status?: number}> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as {name: string; message: string; $metadata?: {httpStatusCode?: number}} | undefined
  if (!error) throw new Error('expected the call to fail')
  return {name: error.name, message: error.message, status: error.$metadata?.httpStatusCode}
}

describe('EventBridge event buses', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateEventBus.html
  it('has a default bus, creates, lists, describes and deletes custom buses', async () => {
    const {events} = await client()
    const described = await events.send(new DescribeEventBusCommand({}))
    expect(described).toMatchObject({Name: 'default', Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/default'})
    expect(described.CreationTime).toBeInstanceOf(Date)

    const created = await events.send(new CreateEventBusCommand({Name: 'orders', Tags: [{Key: 'project', Value: 'x'}]}))
    expect(created.EventBusArn).toBe('arn:aws:events:us-east-1:123456789012:event-bus/orders')
    expect(await failure(events.send(new CreateEventBusCommand({Name: 'orders'})))).toMatchObject({
      name: 'ResourceAlreadyExistsException',
      status: 400,
    })
    const tags = await events.send(new ListTagsForResourceCommand({ResourceARN: created.EventBusArn}))
    expect(tags.Tags).toEqual([{Key: 'project', Value: 'x'}])

    const page1 = await events.send(new ListEventBusesCommand({Limit: 1}))
    expect(page1.EventBuses?.map((bus) => bus.Name)).toEqual(['default'])
    const page2 = await events.send(new ListEventBusesCommand({Limit: 1, NextToken: page1.NextToken}))
    expect(page2.EventBuses?.map((bus) => bus.Name)).toEqual(['orders'])
    expect(page2.NextToken).toBeUndefined()

    await events.send(new DeleteEventBusCommand({Name: 'orders'}))
    expect(await failure(events.send(new DescribeEventBusCommand({Name: 'orders'})))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus orders does not exist.',
    })
    expect((await failure(events.send(new DeleteEventBusCommand({Name: 'default'})))).name).toBe('ValidationException')
  })
})

describe('EventBridge rules', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
  it.each([
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 0 L * ? *)',
    'cron(0 0 ? * 6L *)',
    'cron(0 0 15W * ? 2027-2030)',
    'cron(30 2 ? JAN,JUL SUN 2026)',
    // Reported as accepted by AWS: https://github.com/localstack/localstack/issues/13572
    'cron(0-15/1 8-8 ? * 2,3,4,5,6,7 *)',
    'cron(30-30 13-13 ? * 2,4,6 *)',
    'cron(1-31/30 1-1 ? * 1,7 *)',
    'cron(*/59 * * * ? *)',
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
  ])('accepts the schedule expression %s', async (expression) => {
    const {events} = await client()
    await expect(events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: expression}))).resolves.toBeDefined()
  })

  it.each([
    'cron(0 10 * * *)', // five fields
    'cron(0 10 * * * *)', // no ? in day-of-month or day-of-week
    'cron(0 10 ? * ? *)', // ? in both
    'cron(60 10 * * ? *)',
    'cron(0 24 * * ? *)',
    'cron(0 10 * 13 ? *)',
    'cron(0 10 ? * 8 *)',
    'cron(0 10 * * ? 1969)',
    'cron(0 10 ? * 3#1,6#3 *)',
    'cron(7 20 * * 1-7 *)', // https://github.com/localstack/localstack/pull/12156
    'cron(15 12 ? * -1 *)', // https://github.com/winglang/wing/issues/7115
    'cron(*/60 * * * ? *)', // https://github.com/aws/aws-sdk-js/issues/4212
    'cron(0 */24 * * ? *)',
    'rate(1 minutes)',
    'rate(5 minute)',
    'rate(0 minutes)',
    'rate(5 seconds)',
    'rate(-5 minutes)',
    'at(2026-01-01T00:00:00)', // at() is EventBridge Scheduler only
    'every 5 minutes',
  ])('rejects the schedule expression %s with ValidationException', async (expression) => {
    const {events} = await client()
    const error = await failure(events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: expression})))
    expect(error).toMatchObject({name: 'ValidationException', message: 'Parameter ScheduleExpression is not valid.', status: 400})
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
  it('requires a pattern or a schedule, validates names and patterns, and keeps schedules on the default bus', async () => {
    const {events} = await client()
    expect(await failure(events.send(new PutRuleCommand({Name: 'r'})))).toMatchObject({
      name: 'ValidationException',
      message: 'Parameter(s) EventPattern or ScheduleExpression must be specified.',
    })
    expect((await failure(events.send(new PutRuleCommand({Name: 'bad name', ScheduleExpression: 'rate(1 day)'})))).message).toMatch(
      /Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    )
    expect(await failure(events.send(new PutRuleCommand({Name: 'r', EventPattern: '{"source": "aws.ec2"}'})))).toMatchObject({
      name: 'InvalidEventPatternException',
    })
    expect((await failure(events.send(new PutRuleCommand({Name: 'r', EventPattern: '{not json'})))).name).toBe(
      'InvalidEventPatternException',
    )
    await events.send(new CreateEventBusCommand({Name: 'orders'}))
    expect(
      await failure(events.send(new PutRuleCommand({Name: 'r', EventBusName: 'orders', ScheduleExpression: 'rate(1 day)'}))),
    ).toMatchObject({name: 'ValidationException', message: 'ScheduleExpression is supported only on the default event bus.'})
    expect((await failure(events.send(new PutRuleCommand({Name: 'r', EventBusName: 'nope', EventPattern: '{"a":[1]}'})))).name).toBe(
      'ResourceNotFoundException',
    )
  })

  it('replaces every field of an existing rule on PutRule, keeping its ARN, targets and tags', async () => {
    const {events} = await client()
    const first = await events.send(
      new PutRuleCommand({
        Name: 'nightly',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        Description: 'first',
        RoleArn: ROLE,
        Tags: [{Key: 'owner', Value: 'batchctl'}],
      }),
    )
    expect(first.RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/nightly')
    await events.send(
      new PutTargetsCommand({
        Rule: 'nightly',
        Targets: [{Id: 'job', Arn: QUEUE, RoleArn: ROLE, BatchParameters: {JobDefinition: 'align', JobName: 'nightly'}}],
      }),
    )
    await events.send(new PutRuleCommand({Name: 'nightly', EventPattern: '{"source":["batchctl"]}', State: 'DISABLED'}))
    const rule = await events.send(new DescribeRuleCommand({Name: 'nightly'}))
    expect(rule).toMatchObject({
      Name: 'nightly',
      Arn: first.RuleArn,
      EventPattern: '{"source":["batchctl"]}',
      State: 'DISABLED',
      EventBusName: 'default',
      CreatedBy: '123456789012',
    })
    // Omitted arguments are not kept: they become null.
    expect(rule.ScheduleExpression).toBeUndefined()
    expect(rule.Description).toBeUndefined()
    expect(rule.RoleArn).toBeUndefined()
    expect((await events.send(new ListTargetsByRuleCommand({Rule: 'nightly'}))).Targets).toHaveLength(1)
    expect((await events.send(new ListTagsForResourceCommand({ResourceARN: first.RuleArn}))).Tags).toEqual([
      {Key: 'owner', Value: 'batchctl'},
    ])
  })

  it('enables and disables rules, and says which rule is missing on which bus', async () => {
    const {events} = await client()
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)', State: 'DISABLED'}))
    await events.send(new EnableRuleCommand({Name: 'r'}))
    expect((await events.send(new DescribeRuleCommand({Name: 'r'}))).State).toBe('ENABLED')
    await events.send(new DisableRuleCommand({Name: 'r'}))
    expect((await events.send(new DescribeRuleCommand({Name: 'r'}))).State).toBe('DISABLED')
    expect(await failure(events.send(new EnableRuleCommand({Name: 'ghost'})))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule ghost does not exist on EventBus default.',
      status: 400,
    })
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html
  it('lists rules by prefix in name order, a page at a time', async () => {
    const {events} = await client()
    for (const name of ['batchctl-c', 'batchctl-a', 'other', 'batchctl-b']) {
      await events.send(new PutRuleCommand({Name: name, ScheduleExpression: 'rate(1 day)'}))
    }
    const first = await events.send(new ListRulesCommand({NamePrefix: 'batchctl-', Limit: 2}))
    expect(first.Rules?.map((r) => r.Name)).toEqual(['batchctl-a', 'batchctl-b'])
    expect(first.Rules?.[0]).toMatchObject({ScheduleExpression: 'rate(1 day)', State: 'ENABLED', EventBusName: 'default'})
    const second = await events.send(new ListRulesCommand({NamePrefix: 'batchctl-', Limit: 2, NextToken: first.NextToken}))
    expect(second.Rules?.map((r) => r.Name)).toEqual(['batchctl-c'])
    expect(second.NextToken).toBeUndefined()
    expect((await failure(events.send(new ListRulesCommand({Limit: 101})))).name).toBe('ValidationException')
    expect((await failure(events.send(new ListRulesCommand({NextToken: 'garbage!'})))).name).toBe('ValidationException')
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html
  it('refuses to delete a rule that still has targets, and deleting a missing rule succeeds', async () => {
    const {events} = await client()
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)'}))
    await events.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [{Id: 't', Arn: QUEUE, RoleArn: ROLE, BatchParameters: {JobDefinition: 'd', JobName: 'n'}}],
      }),
    )
    expect(await failure(events.send(new DeleteRuleCommand({Name: 'r'})))).toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    })
    await events.send(new RemoveTargetsCommand({Rule: 'r', Ids: ['t']}))
    await events.send(new DeleteRuleCommand({Name: 'r'}))
    await events.send(new DeleteRuleCommand({Name: 'r'}))
    expect((await failure(events.send(new DescribeRuleCommand({Name: 'r'})))).name).toBe('ResourceNotFoundException')
  })
})

describe('EventBridge targets', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html
  it('adds and updates targets by Id, lists and removes them', async () => {
    const {events} = await client()
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)'}))
    const result = await events.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [
          {Id: 'a', Arn: QUEUE, RoleArn: ROLE, BatchParameters: {JobDefinition: 'd', JobName: 'one', ArrayProperties: {Size: 10}, RetryStrategy: {Attempts: 3}}},
          {Id: 'b', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:flow', RoleArn: ROLE, Input: '{"k":1}'},
        ],
      }),
    )
    expect(result).toMatchObject({FailedEntryCount: 0, FailedEntries: []})
    await events.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [{Id: 'a', Arn: QUEUE, RoleArn: ROLE, BatchParameters: {JobDefinition: 'd', JobName: 'two'}}],
      }),
    )
    const listed = await events.send(new ListTargetsByRuleCommand({Rule: 'r'}))
    expect(listed.Targets?.map((t) => t.Id)).toEqual(['a', 'b'])
    expect(listed.Targets?.[0]?.BatchParameters).toEqual({JobDefinition: 'd', JobName: 'two'})
    expect(listed.Targets?.[1]?.Input).toBe('{"k":1}')
    const page1 = await events.send(new ListTargetsByRuleCommand({Rule: 'r', Limit: 1}))
    expect(page1.Targets?.map((t) => t.Id)).toEqual(['a'])
    const page2 = await events.send(new ListTargetsByRuleCommand({Rule: 'r', Limit: 1, NextToken: page1.NextToken}))
    expect(page2.Targets?.map((t) => t.Id)).toEqual(['b'])
    expect(page2.NextToken).toBeUndefined()
    await events.send(new RemoveTargetsCommand({Rule: 'r', Ids: ['a', 'never-existed']}))
    expect((await events.send(new ListTargetsByRuleCommand({Rule: 'r'}))).Targets?.map((t) => t.Id)).toEqual(['b'])
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRuleNamesByTarget.html
  it('finds the rules that target an ARN', async () => {
    const {events} = await client()
    const target = {Id: 't', Arn: QUEUE, RoleArn: ROLE, BatchParameters: {JobDefinition: 'd', JobName: 'n'}}
    for (const name of ['b', 'a', 'c']) await events.send(new PutRuleCommand({Name: name, ScheduleExpression: 'rate(1 day)'}))
    await events.send(new PutTargetsCommand({Rule: 'b', Targets: [target]}))
    await events.send(new PutTargetsCommand({Rule: 'a', Targets: [target]}))
    expect((await events.send(new ListRuleNamesByTargetCommand({TargetArn: QUEUE}))).RuleNames).toEqual(['a', 'b'])
    expect((await events.send(new ListRuleNamesByTargetCommand({TargetArn: `${QUEUE}-other`}))).RuleNames).toEqual([])
  })

  it('allows five targets per rule and ten per request', async () => {
    const {events} = await client()
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)'}))
    const target = (id: string) => ({Id: id, Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:f', RoleArn: ROLE})
    await events.send(new PutTargetsCommand({Rule: 'r', Targets: ['1', '2', '3', '4', '5'].map(target)}))
    expect(await failure(events.send(new PutTargetsCommand({Rule: 'r', Targets: [target('6')]})))).toMatchObject({
      name: 'LimitExceededException',
      status: 400,
    })
    const eleven = Array.from({length: 11}, (_, i) => target(`t${i}`))
    expect((await failure(events.send(new PutTargetsCommand({Rule: 'r', Targets: eleven})))).message).toMatch(
      /Member must have length less than or equal to 10/,
    )
    expect((await events.send(new ListTargetsByRuleCommand({Rule: 'r'}))).Targets).toHaveLength(5)
  })

  it('validates target ids, ARNs, Batch parameters, roles and inputs', async () => {
    const {events} = await client()
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)'}))
    const put = (target: Record<string, unknown>) =>
      failure(events.send(new PutTargetsCommand({Rule: 'r', Targets: [{Id: 't', Arn: QUEUE, RoleArn: ROLE, ...target}]})))
    const batch = {BatchParameters: {JobDefinition: 'd', JobName: 'n'}}
    expect((await put({...batch, Id: 'has space'})).message).toMatch(/at 'targets.1.member.id'/)
    expect((await put({...batch, Arn: 'queue'})).message).toMatch(/Provided Arn is not in correct format/)
    // AWS's messages: https://github.com/aws/aws-cdk/issues/7137, https://github.com/localstack/localstack/issues/8224
    expect((await put({})).message).toBe('Parameter(s) BatchParameters must be specified for target: t.')
    expect((await put({...batch, RoleArn: undefined})).message).toBe(`RoleArn is required for target ${QUEUE}.`)
    expect((await put({BatchParameters: {JobDefinition: 'd', JobName: 'n', ArrayProperties: {Size: 1}}})).name).toBe('ValidationException')
    expect((await put({BatchParameters: {JobDefinition: 'd', JobName: 'n', RetryStrategy: {Attempts: 11}}})).name).toBe('ValidationException')
    expect((await put({...batch, Input: 'not json'})).message).toMatch(/Input is not valid JSON/)
    expect((await put({...batch, Input: '{}', InputPath: '$.detail'})).message).toMatch(/Only one of Input, InputPath, or InputTransformer/)
    expect((await put({...batch, InputTransformer: {InputPathsMap: {x: 'detail'}, InputTemplate: '<x>'}})).message).toMatch(/Invalid JSONPath/)
    expect((await put({...batch, InputTransformer: {InputPathsMap: {x: '$.detail'}, InputTemplate: '{"a": <x>'}})).message).toMatch(
      /InputTemplate/,
    )
    // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html
    expect((await put({...batch, InputTransformer: {InputPathsMap: {x: '$.detail'}, InputTemplate: '{<x>: 1}'}})).message).toMatch(
      /object key/,
    )
    expect(await failure(events.send(new PutTargetsCommand({Rule: 'ghost', Targets: [{Id: 't', Arn: QUEUE}]})))).toMatchObject({
      name: 'ResourceNotFoundException',
    })
    expect((await events.send(new ListTargetsByRuleCommand({Rule: 'r'}))).Targets).toEqual([])
  })
})

describe('EventBridge tags', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TagResource.html
  it('tags, lists and untags rules; unknown resources are ResourceNotFoundException', async () => {
    const {events} = await client()
    const {RuleArn} = await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'rate(1 day)'}))
    await events.send(new TagResourceCommand({ResourceARN: RuleArn, Tags: [{Key: 'a', Value: '1'}, {Key: 'b', Value: '2'}]}))
    await events.send(new TagResourceCommand({ResourceARN: RuleArn, Tags: [{Key: 'a', Value: '3'}]}))
    await events.send(new UntagResourceCommand({ResourceARN: RuleArn, TagKeys: ['b']}))
    expect((await events.send(new ListTagsForResourceCommand({ResourceARN: RuleArn}))).Tags).toEqual([{Key: 'a', Value: '3'}])
    const missing = await failure(
      events.send(new ListTagsForResourceCommand({ResourceARN: 'arn:aws:events:us-east-1:123456789012:rule/ghost'})),
    )
    expect(missing).toMatchObject({name: 'ResourceNotFoundException', message: 'Rule ghost does not exist on EventBus default.'})
  })
})

describe('EventBridge quotas', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html (300 rules per event bus)
  it('refuses a 301st rule on a bus with LimitExceededException, but still replaces existing rules', async () => {
    const {events} = await client()
    for (let i = 0; i < 300; i++) await events.send(new PutRuleCommand({Name: `r${i}`, EventPattern: '{"source":["a"]}'}))
    expect((await failure(events.send(new PutRuleCommand({Name: 'one-more', EventPattern: '{"source":["a"]}'})))).name).toBe(
      'LimitExceededException',
    )
    await expect(events.send(new PutRuleCommand({Name: 'r0', EventPattern: '{"source":["b"]}'}))).resolves.toBeDefined()
  })
})
