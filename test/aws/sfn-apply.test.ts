import {DeleteStateMachineCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import type {AnyResource, Model} from '../../src/model/index.js'
import {startEmulator} from '../helpers/emulator.js'
import {applyPlan, planNow} from './apply-harness.js'

/*
 * State machines through createAdapters against the emulator: every setting AWS reports back
 * (type, logging with destinations, tracing) plans empty after apply, and a change of user tags
 * alone is TagResource / UntagResource and nothing else
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html).
 */

const MUTATING = /^(Create|Update|Delete|Put|Remove|Tag|Untag)/
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/genomics:*'

function model(tags: Record<string, string>): Model {
  const machine: AnyResource = {
    kind: 'sfn.stateMachine',
    logicalName: 'express',
    physicalName: 'genomics-express',
    service: 'sfn',
    spec: {
      definition: {Comment: 'pass through', StartAt: 'Only', States: {Only: {Type: 'Pass', Result: {ok: true}, End: true}}},
      roleArn: 'arn:aws:iam::123456789012:role/genomics-sfn',
      type: 'EXPRESS',
      loggingConfiguration: {level: 'ERROR', includeExecutionData: true, destinations: [{cloudWatchLogsLogGroup: {logGroupArn: LOG_GROUP}}]},
      tracingConfiguration: {enabled: true},
    },
    dependsOn: [],
    tags,
  }
  return {project: 'genomics', env: 'dev', resources: [machine]}
}

describe('state machines', () => {
  it('plan empty after apply with type, logging and tracing; a tag-only change only retags', async () => {
    const {emulator} = await startEmulator({clock: {speed: 20}})
    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
    await applyPlan(registry, (await planNow(registry, model({team: 'research'}))).plan)
    const again = await planNow(registry, model({team: 'research'}))
    expect(again.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    // The env is part of ownership: the tags say so.
    expect(again.snapshot.resources[0]!.tags).toMatchObject({'batchctl:project': 'genomics', 'batchctl:env': 'dev', team: 'research'})

    const retagged = model({owner: 'platform'})
    const {plan} = await planNow(registry, retagged)
    expect(plan.changes.map((c) => [c.id, c.action, c.diffs.map((d) => d.path)])).toEqual([['sfn.stateMachine/express', 'update', ['tags.owner', 'tags.team']]])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const mutations = emulator.calls.all().filter((r) => MUTATING.test(r.operation))
    expect(mutations.map((r) => r.operation)).toEqual(['TagResource', 'UntagResource'])
    expect(mutations[1]!.input).toMatchObject({tagKeys: ['team']})
    const after = await planNow(registry, retagged)
    expect(after.plan.changes).toEqual([])
  })

  it('a name still DELETING is waited out before the state machine is created again', async () => {
    // 60 virtual seconds of DELETING: 3 real seconds at 20x.
    const {emulator} = await startEmulator({clock: {speed: 20}, services: {states: {deleteDelayMs: 60_000}}})
    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
    const desired = model({})
    await applyPlan(registry, (await planNow(registry, desired)).plan)
    await clients.sfn.send(new DeleteStateMachineCommand({stateMachineArn: `arn:aws:states:us-east-1:${emulator.accountId}:stateMachine:genomics-express`}))

    // The DELETING machine is not reported: the plan creates it again.
    const {plan} = await planNow(registry, desired)
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([['sfn.stateMachine/express', 'create']])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    expect(emulator.calls.find('states', 'CreateStateMachine').map((r) => r.error ?? 'ok')).toEqual(['StateMachineAlreadyExists', 'ok'])
    const after = await planNow(registry, desired)
    expect(after.plan.changes).toEqual([])
  })
})
