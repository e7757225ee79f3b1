import {CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand, TestEventPatternCommand} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import type {EventsState} from '../../src/local/services/events/state.js'
import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/events'
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:flow'
const QUEUE = 'arn:aws:batch:us-east-1:123456789012:job-queue/default'

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2026-11-23T12:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'],
  detail: {
    'instance-id': 'i-1',
    state: 'running',
    cpu: 42,
    flags: ['spot', 'gpu'],
    tags: [{key: 'team', value: 'genomics'}, {key: 'env', value: 'prod'}],
    ip: '10.0.3.7',
    empty: null,
  },
}

async function test(pattern: unknown): Promise<boolean | undefined> {
  const {config} = await startEmulator()
  const events = new EventBridgeClient(config)
  const result = await events.send(new TestEventPatternCommand({EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event)}))
  return result.Result
}

// AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
// AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
describe('EventBridge event pattern matching (TestEventPattern)', () => {
  it.each([
    [{source: ['aws.ec2']}, true],
    [{source: ['aws.s3', 'aws.ec2']}, true],
    [{source: ['aws.s3']}, false],
    [{source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification']}, true],
    [{detail: {state: ['running']}}, true],
    [{detail: {state: ['stopped']}}, false],
    [{detail: {missing: ['x']}}, false],
    [{detail: {cpu: [42]}}, true],
    [{detail: {cpu: ['42']}}, false], // strings and numbers differ
    [{detail: {empty: [null]}}, true],
    [{detail: {flags: ['gpu']}}, true], // an event array matches when any element does
    [{detail: {tags: {key: ['team']}}}, true], // arrays of objects too
    [{detail: {tags: {value: ['staging']}}}, false],
    [{detail: {state: [{prefix: 'run'}]}}, true],
    [{detail: {state: [{prefix: 'stop'}]}}, false],
    [{detail: {state: [{suffix: 'ing'}]}}, true],
    [{detail: {state: [{'equals-ignore-case': 'RUNNING'}]}}, true],
    [{detail: {state: [{'anything-but': 'stopped'}]}}, true],
    [{detail: {state: [{'anything-but': ['running', 'pending']}]}}, false],
    [{detail: {state: [{'anything-but': {prefix: 'run'}}]}}, false],
    [{detail: {missing: [{'anything-but': 'x'}]}}, false], // anything-but needs the field
    [{detail: {cpu: [{numeric: ['>', 40, '<=', 42]}]}}, true],
    [{detail: {cpu: [{numeric: ['<', 40]}]}}, false],
    [{detail: {cpu: [{numeric: ['=', 42]}]}}, true],
    [{detail: {state: [{numeric: ['>', 0]}]}}, false], // numeric only matches numbers
    [{detail: {state: [{exists: true}]}}, true],
    [{detail: {missing: [{exists: true}]}}, false],
    [{detail: {missing: [{exists: false}]}}, true],
    [{detail: {state: [{exists: false}]}}, false],
    [{detail: {ip: [{cidr: '10.0.0.0/16'}]}}, true],
    [{detail: {ip: [{cidr: '10.1.0.0/16'}]}}, false],
    [{detail: {'instance-id': [{wildcard: 'i-*'}]}}, true],
    [{source: ['aws.ec2'], detail: {state: ['stopped']}}, false], // every field must match
    [{detail: {$or: [{state: ['stopped']}, {cpu: [{numeric: ['>', 40]}]}]}}, true],
    [{$or: [{source: ['aws.s3']}, {'detail-type': ['Other']}]}, false],
  ])('%j matches: %s', async (pattern, expected) => {
    expect(await test(pattern)).toBe(expected)
  })

  it.each([
    [{source: 'aws.ec2'}, /"source" must be an object or an array/],
    [{source: []}, /Empty arrays/],
    [{source: [{prefix: 1}]}, /prefix match pattern must be a string/],
    [{source: [{unknown: 'x'}]}, /Unrecognized match type unknown/],
    [{detail: {cpu: [{numeric: ['>', 'a']}]}}, /numeric/],
    [{detail: {cpu: [{numeric: ['<', 5, '>', 1]}]}}, /numeric range operator/],
    [{detail: {cpu: [{exists: 'yes'}]}}, /exists/],
    [['aws.ec2'], /not an object/],
    [{$or: [{source: ['a']}]}, /\$or/],
  ])('rejects %j with InvalidEventPatternException', async (pattern, message) => {
    const {config} = await startEmulator()
    const events = new EventBridgeClient(config)
    const error = await events
      .send(new TestEventPatternCommand({EventPattern: JSON.stringify(pattern), Event: JSON.stringify(event)}))
      .catch((e: unknown) => e as {name: string; message: string})
    expect(error).toMatchObject({name: 'InvalidEventPatternException'})
    expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: /)
    expect((error as Error).message).toMatch(message)
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_TestEventPattern.html
  it('requires the event to carry id, account, source, time, region, resources and detail-type', async () => {
    const {config} = await startEmulator()
    const events = new EventBridgeClient(config)
    const {resources: _resources, ...incomplete} = event
    const error = await events
      .send(new TestEventPatternCommand({EventPattern: '{"source":["aws.ec2"]}', Event: JSON.stringify(incomplete)}))
      .catch((e: unknown) => e as Error)
    expect(error).toMatchObject({name: 'ValidationException'})
    expect((error as Error).message).toMatch(/resources/)
  })
})

describe('EventBridge PutEvents', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
  it('answers per entry, and sends matching events to the targets of enabled rules only', async () => {
    const {emulator, config} = await startEmulator()
    const events = new EventBridgeClient(config)
    await events.send(new PutRuleCommand({Name: 'on-upload', EventPattern: JSON.stringify({source: ['app'], detail: {size: [{numeric: ['>', 100]}]}})}))
    await events.send(new PutTargetsCommand({Rule: 'on-upload', Targets: [{Id: 'flow', Arn: MACHINE, RoleArn: ROLE}]}))
    await events.send(new PutRuleCommand({Name: 'off', State: 'DISABLED', EventPattern: JSON.stringify({source: ['app']})}))
    await events.send(new PutTargetsCommand({Rule: 'off', Targets: [{Id: 'flow', Arn: MACHINE, RoleArn: ROLE}]}))

    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          {Source: 'app', DetailType: 'Upload', Detail: JSON.stringify({size: 500, key: 'a.fastq'})},
          {Source: 'app', DetailType: 'Upload', Detail: JSON.stringify({size: 5})},
          {Source: 'app', DetailType: 'Upload', Detail: 'not json'},
          {Source: 'app', Detail: '{}'},
        ],
      }),
    )
    expect(result.FailedEntryCount).toBe(2)
    expect(result.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/)
    expect(result.Entries?.[2]).toMatchObject({ErrorCode: 'MalformedDetail'})
    expect(result.Entries?.[3]).toMatchObject({ErrorCode: 'InvalidArgument'})

    const invocations = emulator.state<EventsState>('events').invocations
    expect(invocations).toHaveLength(1)
    const [invocation] = invocations
    expect(invocation).toMatchObject({
      sourceArn: 'arn:aws:events:us-east-1:123456789012:rule/on-upload',
      targetId: 'flow',
      service: 'states',
      operation: 'StartExecution',
    })
    const request = invocation!.request as {stateMachineArn: string; input: string}
    expect(request.stateMachineArn).toBe(MACHINE)
    expect(JSON.parse(request.input)).toMatchObject({
      id: result.Entries?.[0]?.EventId,
      source: 'app',
      'detail-type': 'Upload',
      account: '123456789012',
      region: 'us-east-1',
      detail: {size: 500, key: 'a.fastq'},
    })
  })

  it('sends an event to the rules of its own bus only', async () => {
    const {emulator, config} = await startEmulator()
    const events = new EventBridgeClient(config)
    const {EventBusArn} = await events.send(new CreateEventBusCommand({Name: 'lab'}))
    for (const bus of ['default', 'lab']) {
      await events.send(new PutRuleCommand({Name: `on-${bus}`, EventBusName: bus, EventPattern: JSON.stringify({source: ['app']})}))
      await events.send(new PutTargetsCommand({Rule: `on-${bus}`, EventBusName: bus, Targets: [{Id: 'flow', Arn: MACHINE, RoleArn: ROLE}]}))
    }
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          {Source: 'app', DetailType: 'x', Detail: '{}', EventBusName: EventBusArn},
          {Source: 'app', DetailType: 'x', Detail: '{}', EventBusName: 'nope'},
        ],
      }),
    )
    expect(result.FailedEntryCount).toBe(1)
    expect(result.Entries?.[1]).toMatchObject({ErrorCode: 'InvalidArgument'})
    expect(emulator.state<EventsState>('events').invocations.map((i) => i.sourceArn)).toEqual([
      'arn:aws:events:us-east-1:123456789012:rule/lab/on-lab',
    ])
  })

  it('rejects more than ten entries', async () => {
    const {config} = await startEmulator()
    const events = new EventBridgeClient(config)
    const entries = Array.from({length: 11}, () => ({Source: 'app', DetailType: 'x', Detail: '{}'}))
    await expect(events.send(new PutEventsCommand({Entries: entries}))).rejects.toMatchObject({name: 'ValidationException'})
  })

  // AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
  it('transforms the input per target: constant Input, InputPath and InputTransformer', async () => {
    const {emulator, config} = await startEmulator()
    const events = new EventBridgeClient(config)
    await events.send(new PutRuleCommand({Name: 'samples', EventPattern: JSON.stringify({source: ['lab']})}))
    await events.send(
      new PutTargetsCommand({
        Rule: 'samples',
        Targets: [
          {Id: 'constant', Arn: MACHINE, RoleArn: ROLE, Input: '{"fixed":true}'},
          {Id: 'path', Arn: MACHINE, RoleArn: ROLE, InputPath: '$.detail.sample'},
          {Id: 'wildcard', Arn: MACHINE, RoleArn: ROLE, InputPath: '$.detail.files[*].name'},
          {
            Id: 'template',
            Arn: MACHINE,
            RoleArn: ROLE,
            InputTransformer: {
              InputPathsMap: {id: '$.detail.sample.id', reads: '$.detail.sample.reads'},
              InputTemplate: '{"sample": <id>, "reads": <reads>, "label": "sample <id> from <aws.events.rule-name>"}',
            },
          },
          {
            Id: 'batch',
            Arn: QUEUE,
            RoleArn: ROLE,
            BatchParameters: {JobDefinition: 'align', JobName: 'align-sample', ArrayProperties: {Size: 4}, RetryStrategy: {Attempts: 2}},
            InputTransformer: {InputPathsMap: {id: '$.detail.sample.id'}, InputTemplate: '{"Parameters": {"sample": <id>}}'},
          },
        ],
      }),
    )
    await events.send(
      new PutEventsCommand({
        Entries: [{Source: 'lab', DetailType: 'Sample', Detail: JSON.stringify({sample: {id: 'S-1', reads: 1200}, files: [{name: 'a'}, {name: 'b'}]})}],
      }),
    )
    const byId = Object.fromEntries(emulator.state<EventsState>('events').invocations.map((i) => [i.targetId, i.request]))
    expect((byId.constant as {input: string}).input).toBe('{"fixed":true}')
    expect(JSON.parse((byId.path as {input: string}).input)).toEqual({id: 'S-1', reads: 1200})
    expect(JSON.parse((byId.wildcard as {input: string}).input)).toEqual(['a', 'b'])
    expect(JSON.parse((byId.template as {input: string}).input)).toEqual({sample: 'S-1', reads: 1200, label: 'sample S-1 from samples'})
    // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html
    expect(byId.batch).toEqual({
      jobName: 'align-sample',
      jobQueue: QUEUE,
      jobDefinition: 'align',
      arrayProperties: {size: 4},
      retryStrategy: {attempts: 2},
      parameters: {sample: 'S-1'},
    })
  })
})
