import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import type {EventsState} from '../../src/local/services/events/state.js'
import {startEmulator} from '../helpers/emulator.js'

async function client() {
  const {emulator, config} = await startEmulator({clock: {speed: 0}})
  return {emulator, events: new EventBridgeClient({...config, maxAttempts: 1})}
}

const detailOf = (kib: number) => JSON.stringify({pad: 'x'.repeat(kib * 1024)})

describe('EventBridge PutEvents size limit', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
  //   ("The total entry size must be less than 256KB"; Time counts 14 bytes, Source, DetailType,
  //   Detail and each Resource their UTF-8 bytes). Over it, the whole request is a ValidationException
  //   "Total size of the entries in the request is over the limit." (the service's answer).
  it('refuses a request whose entries add up to more than 256 KB, delivering none of them', async () => {
    const {emulator, events} = await client()
    await events.send(new PutRuleCommand({Name: 'uploads', EventPattern: JSON.stringify({source: ['lab']})}))
    await events.send(
      new PutTargetsCommand({
        Rule: 'uploads',
        Targets: [{Id: 'flow', Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ingest', RoleArn: 'arn:aws:iam::123456789012:role/events'}],
      }),
    )
    const entry = {Source: 'lab', DetailType: 'Upload', Detail: detailOf(100)}
    const error = (await events.send(new PutEventsCommand({Entries: [entry, entry, entry]})).then(
      () => undefined,
      (e: unknown) => e,
    )) as {name: string; message: string; $metadata: {httpStatusCode?: number}}
    expect(error).toMatchObject({name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.'})
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(emulator.state<EventsState>('events').invocations).toHaveLength(0)

    // Two such entries (about 200 KB) are within the limit and both reach the rule.
    const ok = await events.send(new PutEventsCommand({Entries: [entry, entry]}))
    expect(ok.FailedEntryCount).toBe(0)
    expect(ok.Entries?.every((e) => typeof e.EventId === 'string')).toBe(true)
    expect(emulator.state<EventsState>('events').invocations).toHaveLength(2)
  })

  it('counts multi-byte characters by their UTF-8 bytes', async () => {
    const {events} = await client()
    // 90 000 three-byte characters: 270 000 bytes, over the limit though under it in UTF-16 code units.
    const detail = JSON.stringify({text: '€'.repeat(90_000)})
    const refused = await events.send(new PutEventsCommand({Entries: [{Source: 'lab', DetailType: 'Note', Detail: detail}]})).then(
      () => 'accepted',
      (e: {name: string}) => e.name,
    )
    expect(refused).toBe('ValidationException')
  })
})

describe('EventBridge DeleteEventBus', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteEventBus.html ("All rules
  // associated with this event bus need to be deleted."); the service answers ValidationException
  // "EventBus can't be deleted since it has rules." while any remain.
  it('refuses a bus that still has rules, and deletes it once they are gone', async () => {
    const {events} = await client()
    await events.send(new CreateEventBusCommand({Name: 'orders'}))
    await events.send(new PutRuleCommand({Name: 'paid', EventBusName: 'orders', EventPattern: JSON.stringify({source: ['shop']})}))
    const refused = await events.send(new DeleteEventBusCommand({Name: 'orders'})).then(
      () => undefined,
      (e: {name: string; message: string}) => e,
    )
    expect(refused).toMatchObject({name: 'ValidationException', message: "EventBus can't be deleted since it has rules."})
    expect((await events.send(new DescribeRuleCommand({Name: 'paid', EventBusName: 'orders'}))).Name).toBe('paid')

    await events.send(new DeleteRuleCommand({Name: 'paid', EventBusName: 'orders'}))
    await events.send(new DeleteEventBusCommand({Name: 'orders'}))
    const gone = await events.send(new DescribeEventBusCommand({Name: 'orders'})).then(
      () => undefined,
      (e: {name: string}) => e.name,
    )
    expect(gone).toBe('ResourceNotFoundException')
  })
})

describe('EventBridge rules: defaults, limits and pagination', () => {
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html (State defaults to
  // ENABLED; EventBusName defaults to the default bus; Name 1-64 of [\.\-_A-Za-z0-9]+)
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html ("Each rule can
  // have up to five (5) targets"; "The maximum number of entries per request is 10")
  // AWS: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html (Limit 1-100, NextToken)
  const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:q'

  it('fills State and EventBusName, and limits names and targets', async () => {
    const {events} = await client()
    const {RuleArn} = await events.send(new PutRuleCommand({Name: 'nightly', ScheduleExpression: 'cron(0 2 * * ? *)'}))
    expect(RuleArn).toBe('arn:aws:events:us-east-1:123456789012:rule/nightly')
    expect(await events.send(new DescribeRuleCommand({Name: 'nightly'}))).toMatchObject({State: 'ENABLED', EventBusName: 'default'})
    const error = (call: Promise<unknown>) =>
      call.then(
        () => 'accepted',
        (e: {name: string}) => e.name,
      )
    expect(await error(events.send(new PutRuleCommand({Name: 'n'.repeat(65), ScheduleExpression: 'rate(1 day)'})))).toBe('ValidationException')
    expect(await error(events.send(new PutRuleCommand({Name: 'no spaces', ScheduleExpression: 'rate(1 day)'})))).toBe('ValidationException')

    const target = (i: number) => ({Id: `t${i}`, Arn: `${QUEUE}${i}`})
    await events.send(new PutTargetsCommand({Rule: 'nightly', Targets: [1, 2, 3, 4, 5].map(target)}))
    expect(await error(events.send(new PutTargetsCommand({Rule: 'nightly', Targets: [target(6)]})))).toBe('LimitExceededException')
    // Replacing an existing target id keeps the count at five.
    await events.send(new PutTargetsCommand({Rule: 'nightly', Targets: [{Id: 't5', Arn: `${QUEUE}-other`}]}))
    expect(await error(events.send(new PutTargetsCommand({Rule: 'other', Targets: Array.from({length: 11}, (_, i) => target(i))})))).toBe(
      'ValidationException',
    )
  })

  it('pages ListRules in name order with NextToken', async () => {
    const {events} = await client()
    for (const name of ['c', 'a', 'b']) await events.send(new PutRuleCommand({Name: name, EventPattern: JSON.stringify({source: [name]})}))
    const first = await events.send(new ListRulesCommand({Limit: 2}))
    expect(first.Rules?.map((r) => r.Name)).toEqual(['a', 'b'])
    const second = await events.send(new ListRulesCommand({Limit: 2, NextToken: first.NextToken}))
    expect(second.Rules?.map((r) => r.Name)).toEqual(['c'])
    expect(second.NextToken).toBeUndefined()
    const bad = await events.send(new ListRulesCommand({NextToken: 'not-a-token'})).then(
      () => 'accepted',
      (e: {name: string}) => e.name,
    )
    expect(bad).toBe('ValidationException')
  })
})
