import {ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, DescribeRuleCommand} from '@aws-sdk/client-eventbridge'
import {CreateScheduleGroupCommand} from '@aws-sdk/client-scheduler'
import {CreateStateMachineCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import type {AnyResource, Model} from '../../src/model/index.js'
import {executionOrder, plan as planOf} from '../../src/plan/index.js'
import {startEmulator} from '../helpers/emulator.js'
import {exampleConfig, exampleModel, snapshotOf} from './apply-harness.js'

/*
 * A wanted name held by a rule (or schedule group, or state machine) the project does not own is
 * a conflict: planned as an error, with no change, and never touched — even by a loop that runs
 * every step of the plan regardless of its errors.
 */

const ROLE = 'arn:aws:iam::123456789012:role/genomics-scheduler'
const MUTATING = /^(Create|Update|Delete|Put|Remove|Tag|Untag)/

function model(): Model {
  const base = exampleModel(exampleConfig('spot-array-pipeline'))
  const queue = {ref: {kind: 'batch.jobQueue' as const, logicalName: 'spot'}}
  const extra: AnyResource[] = [
    {
      kind: 'events.rule',
      logicalName: 'on-upload',
      physicalName: 'genomics-on-upload',
      service: 'events',
      spec: {
        eventPattern: {source: ['aws.s3']},
        targets: [{id: 'batchctl', roleArn: ROLE, invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'qc'}}, jobName: 'qc'}}],
      },
      dependsOn: [],
      tags: {},
    },
    {
      kind: 'events.rule',
      logicalName: 'mine',
      physicalName: 'genomics-mine',
      service: 'events',
      spec: {scheduleExpression: 'rate(1 hour)', targets: []},
      dependsOn: [],
      tags: {},
    },
    {kind: 'scheduler.scheduleGroup', logicalName: 'default', physicalName: 'genomics-schedules', service: 'scheduler', spec: {}, dependsOn: [], tags: {}},
    {
      kind: 'sfn.stateMachine',
      logicalName: 'pipeline',
      physicalName: 'genomics-pipeline',
      service: 'sfn',
      spec: {definition: {StartAt: 'A', States: {A: {Type: 'Pass', End: true}}}, roleArn: 'arn:aws:iam::123456789012:role/genomics-sfn'},
      dependsOn: [],
      tags: {},
    },
  ]
  return {...base, resources: [...base.resources, ...extra]}
}

describe('resources with a wanted name that the project does not own', () => {
  it('are conflicts, and no step touches them', async () => {
    const {emulator} = await startEmulator({services: {batch: {transitionMs: 200}}, clock: {speed: 20}})
    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
    // Someone else's rule (untagged) with a target; another project's schedule group; an untagged state machine.
    await clients.events.send(new PutRuleCommand({Name: 'genomics-on-upload', EventPattern: '{"source":["aws.ec2"]}', Description: 'not ours'}))
    await clients.events.send(
      new PutTargetsCommand({Rule: 'genomics-on-upload', Targets: [{Id: 'theirs', Arn: `arn:aws:states:us-east-1:${emulator.accountId}:stateMachine:theirs`, RoleArn: ROLE}]}),
    )
    await clients.scheduler.send(new CreateScheduleGroupCommand({Name: 'genomics-schedules', Tags: [{Key: 'batchctl:project', Value: 'proteomics'}]}))
    await clients.sfn.send(
      new CreateStateMachineCommand({name: 'genomics-pipeline', definition: '{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}', roleArn: 'arn:aws:iam::123456789012:role/x'}),
    )

    const desired = model()
    const snapshot = await snapshotOf(registry, desired)
    const p = planOf(desired, snapshot)
    expect(p.errors.filter((e) => e.code === 'conflict').map((e) => [e.kind, e.physicalName]).sort()).toEqual([
      ['events.rule', 'genomics-on-upload'],
      ['scheduler.scheduleGroup', 'genomics-schedules'],
      ['sfn.stateMachine', 'genomics-pipeline'],
    ])
    expect(p.errors.find((e) => e.kind === 'scheduler.scheduleGroup')!.message).toContain('proteomics')
    const conflicting = new Set(['events.rule/on-upload', 'scheduler.scheduleGroup/default', 'sfn.stateMachine/pipeline'])
    expect(p.changes.filter((c) => conflicting.has(c.id))).toEqual([])
    expect(p.changes.find((c) => c.id === 'events.rule/mine')?.action).toBe('create')

    // Run every step although the plan has errors (apply refuses such a plan; this shows that
    // even then nothing reaches the conflicting resources).
    emulator.calls.clear()
    const signal = new AbortController().signal
    for (const step of executionOrder(p)) {
      const change = p.changes.find((c) => c.id === step.changeId)!
      await registry.forKind(step.kind).execute(step, {plan: p, change, signal, progress: () => {}})
    }
    const touched = emulator.calls
      .all()
      .filter((r) => MUTATING.test(r.operation))
      .filter((r) => /genomics-on-upload|genomics-schedules|genomics-pipeline/.test(JSON.stringify(r.input)))
    expect(touched).toEqual([])
    expect(emulator.calls.find('events', 'PutRule').map((r) => (r.input as {Name: string}).Name)).toEqual(['genomics-mine'])

    const rule = await clients.events.send(new DescribeRuleCommand({Name: 'genomics-on-upload'}))
    expect(rule).toMatchObject({EventPattern: '{"source":["aws.ec2"]}', Description: 'not ours'})
    const targets = await clients.events.send(new ListTargetsByRuleCommand({Rule: 'genomics-on-upload'}))
    expect(targets.Targets?.map((t) => t.Id)).toEqual(['theirs'])
  })
})
