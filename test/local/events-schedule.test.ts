import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {EventsState} from '../../src/local/services/events/state.js'
import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/events'
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:nightly'
const MINUTE = 60_000
/** Monday 5 January 2026, 00:00 UTC. */
const MONDAY = Date.UTC(2026, 0, 5)

async function setup() {
  // A stopped clock (speed 0): time moves only when the test advances it.
  const {emulator, config} = await startEmulator({clock: {start: MONDAY, speed: 0}})
  const events = new EventBridgeClient(config)
  const invocations = () => emulator.state<EventsState>('events').invocations
  return {emulator, events, invocations}
}

async function scheduleRule(events: EventBridgeClient, name: string, expression: string) {
  await events.send(new PutRuleCommand({Name: name, ScheduleExpression: expression}))
  await events.send(new PutTargetsCommand({Rule: name, Targets: [{Id: 'flow', Arn: MACHINE, RoleArn: ROLE}]}))
}

// AWS: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
describe('EventBridge schedule rules fire on the emulator clock', () => {
  it('fires a rate rule once per period, counting from the rule', async () => {
    const {emulator, events, invocations} = await setup()
    const created = emulator.clock.now()
    await scheduleRule(events, 'every-5', 'rate(5 minutes)')
    emulator.clock.advance(4 * MINUTE)
    expect(invocations()).toHaveLength(0)
    emulator.clock.advance(12 * MINUTE)
    expect(invocations().map((i) => Math.round((i.time - created) / MINUTE))).toEqual([5, 10, 15])
  })

  it('fires a cron rule at its UTC times and sends the Scheduled Event to the target', async () => {
    const {emulator, events, invocations} = await setup()
    await scheduleRule(events, 'mondays', 'cron(0 10 ? * MON *)')
    emulator.clock.advance(8 * 24 * 60 * MINUTE)
    expect(invocations().map((i) => new Date(i.time).toISOString().slice(0, 16))).toEqual(['2026-01-05T10:00', '2026-01-12T10:00'])
    const request = invocations()[0]!.request as {stateMachineArn: string; input: string}
    expect(request.stateMachineArn).toBe(MACHINE)
    expect(JSON.parse(request.input)).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      region: 'us-east-1',
      time: '2026-01-05T10:00:00Z',
      resources: ['arn:aws:events:us-east-1:123456789012:rule/mondays'],
      detail: {},
    })
  })

  it('does not fire while disabled, and resumes when enabled', async () => {
    const {emulator, events, invocations} = await setup()
    await scheduleRule(events, 'hourly', 'cron(0 * * * ? *)')
    await events.send(new DisableRuleCommand({Name: 'hourly'}))
    emulator.clock.advance(3 * 60 * MINUTE)
    expect(invocations()).toHaveLength(0)
    await events.send(new EnableRuleCommand({Name: 'hourly'}))
    emulator.clock.advance(2 * 60 * MINUTE)
    expect(invocations()).toHaveLength(2)
  })

  it('moves to the new schedule when PutRule replaces the expression', async () => {
    const {emulator, events, invocations} = await setup()
    await scheduleRule(events, 'r', 'cron(0 12 * * ? *)')
    await events.send(new PutRuleCommand({Name: 'r', ScheduleExpression: 'cron(30 1 * * ? *)'}))
    emulator.clock.advance(24 * 60 * MINUTE)
    expect(invocations().map((i) => new Date(i.time).toISOString().slice(11, 16))).toEqual(['01:30'])
  })

  it('records the failure when the target service refuses the call', async () => {
    const {emulator, events, invocations} = await setup()
    await scheduleRule(events, 'r', 'rate(1 minute)')
    emulator.clock.advance(MINUTE)
    await expect.poll(() => invocations()[0]?.result ?? invocations()[0]?.error).toBeDefined()
    // No such state machine (an unknown operation while the Step Functions emulator is not in the tree).
    expect(invocations()[0]?.error).toMatch(/^(StateMachineDoesNotExist|UnknownOperationException): /)
    expect(invocations()[0]?.result).toBeUndefined()
  })
})

describe('EventBridge state file', () => {
  it('keeps buses, rules, targets and tags across a restart, and re-arms schedules', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batchctl-events-')), 'state.json')
    const first = await startEmulator({stateFile: file, clock: {start: MONDAY, speed: 0}})
    const events = new EventBridgeClient(first.config)
    await events.send(new CreateEventBusCommand({Name: 'orders'}))
    const {RuleArn} = await events.send(new PutRuleCommand({Name: 'hourly', ScheduleExpression: 'cron(0 * * * ? *)', Tags: [{Key: 'k', Value: 'v'}]}))
    await events.send(new PutTargetsCommand({Rule: 'hourly', Targets: [{Id: 'flow', Arn: MACHINE, RoleArn: ROLE}]}))
    await first.emulator.stop()

    const second = await startEmulator({stateFile: file, clock: {start: MONDAY, speed: 0}})
    const again = new EventBridgeClient(second.config)
    expect((await again.send(new DescribeEventBusCommand({Name: 'orders'}))).Name).toBe('orders')
    expect(await again.send(new DescribeRuleCommand({Name: 'hourly'}))).toMatchObject({Arn: RuleArn, ScheduleExpression: 'cron(0 * * * ? *)'})
    expect((await again.send(new ListTargetsByRuleCommand({Rule: 'hourly'}))).Targets?.map((t) => t.Id)).toEqual(['flow'])
    expect((await again.send(new ListTagsForResourceCommand({ResourceARN: RuleArn}))).Tags).toEqual([{Key: 'k', Value: 'v'}])
    second.emulator.clock.advance(2 * 60 * MINUTE)
    expect(second.emulator.state<EventsState>('events').invocations).toHaveLength(2)
  })
})
