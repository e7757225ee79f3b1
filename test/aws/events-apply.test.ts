import {CreateEventBusCommand, PutEventsCommand} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import type {TargetInvocation} from '../../src/local/services/events/target-invocation.js'
import type {AnyResource, EventRuleSpec, Model} from '../../src/model/index.js'
import {startEmulator} from '../helpers/emulator.js'
import {applyPlan, exampleConfig, exampleModel, planNow} from './apply-harness.js'

/*
 * EventBridge rules through createAdapters against the emulator: a rule's targets submit Batch
 * jobs with parameters from the event (input transformer) or static ones, and moving a rule to
 * another event bus replaces it (a rule lives on one bus).
 */

const ROLE = 'arn:aws:iam::123456789012:role/genomics-events'
const MUTATING = /^(Create|Update|Delete|Put|Remove|Tag|Untag)/

function ruleModel(eventBusName?: string): Model {
  const base = exampleModel(exampleConfig('spot-array-pipeline'))
  const queue = {ref: {kind: 'batch.jobQueue' as const, logicalName: 'spot'}}
  const spec: EventRuleSpec = {
    ...(eventBusName === undefined ? {} : {eventBusName}),
    eventPattern: {source: ['genomics.uploads'], 'detail-type': ['Object Created']},
    targets: [
      {
        id: 'from-event',
        roleArn: ROLE,
        invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'qc'}}, jobName: 'genomics-qc'},
        inputTransformer: {inputPathsMap: {key: '$.detail.object.key'}, inputTemplate: '{"Parameters": {"run": <key>}}'},
      },
      {
        id: 'static',
        roleArn: ROLE,
        invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'prepare'}}, jobName: 'genomics-prepare', parameters: {run: 'upload'}},
      },
    ],
  }
  const rule: AnyResource = {kind: 'events.rule', logicalName: 'on-upload', physicalName: 'genomics-on-upload', service: 'events', spec, dependsOn: [], tags: {}}
  return {...base, resources: [...base.resources, rule]}
}

async function setup() {
  const {emulator} = await startEmulator({services: {batch: {transitionMs: 200}}, clock: {speed: 20}})
  const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
  return {emulator, clients, registry}
}

describe('EventBridge rules', () => {
  it('a rule created through the adapter submits jobs with parameters from the event and static ones', async () => {
    const {emulator, clients, registry} = await setup()
    const model = ruleModel()
    await applyPlan(registry, (await planNow(registry, model)).plan)
    expect((await planNow(registry, model)).plan.changes).toEqual([])

    const invocations = emulator.state<{invocations: TargetInvocation[]}>('events', 'us-east-1').invocations
    const out = await clients.events.send(
      new PutEventsCommand({Entries: [{Source: 'genomics.uploads', DetailType: 'Object Created', Detail: JSON.stringify({object: {key: 'run-42'}})}]}),
    )
    expect(out.FailedEntryCount).toBe(0)
    await expect.poll(() => invocations.length === 2 && invocations.every((i) => i.result !== undefined || i.error !== undefined), {timeout: 5000}).toBe(true)
    expect(invocations.map((i) => i.error)).toEqual([undefined, undefined])
    const byTarget = Object.fromEntries(invocations.map((i) => [i.targetId, i.request]))
    expect(byTarget['from-event']).toMatchObject({jobName: 'genomics-qc', parameters: {run: 'run-42'}})
    expect(byTarget.static).toMatchObject({
      jobName: 'genomics-prepare',
      jobDefinition: `arn:aws:batch:us-east-1:${emulator.accountId}:job-definition/genomics-prepare`,
      parameters: {run: 'upload'},
    })
  })

  it('moving a rule to another event bus creates it there, then removes the old one (targets first)', async () => {
    const {emulator, clients, registry} = await setup()
    await clients.events.send(new CreateEventBusCommand({Name: 'genomics-bus'}))
    await applyPlan(registry, (await planNow(registry, ruleModel())).plan)

    const moved = ruleModel('genomics-bus')
    const {plan} = await planNow(registry, moved)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([['events.rule/on-upload', 'replace']])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const calls = emulator.calls
      .all()
      .filter((r) => r.status < 400 && MUTATING.test(r.operation))
      .map((r) => `${r.operation}@${(r.input as {EventBusName?: string}).EventBusName ?? 'default'}`)
    expect(calls).toEqual(['PutRule@genomics-bus', 'PutTargets@genomics-bus', 'RemoveTargets@default', 'DeleteRule@default'])
    const after = await planNow(registry, moved)
    expect(after.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    expect(after.snapshot.resources.filter((r) => r.kind === 'events.rule').map((r) => r.arn)).toEqual([
      `arn:aws:events:us-east-1:${emulator.accountId}:rule/genomics-bus/genomics-on-upload`,
    ])
  })
})
