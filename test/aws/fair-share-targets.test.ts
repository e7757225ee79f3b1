import {DescribeJobsCommand} from '@aws-sdk/client-batch'
import {PutEventsCommand, PutTargetsCommand, type Target} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import type {TargetInvocation} from '../../src/local/services/events/target-invocation.js'
import {startEmulator} from '../helpers/emulator.js'
import {applyPlan, exampleConfig, planNow} from './apply-harness.js'

/*
 * Schedules and triggers on fair-share queues, end to end: batch.yaml → desired model → the real
 * adapters over HTTP → the emulator, which fires them and submits to its Batch. AWS Batch refuses a
 * SubmitJob without shareIdentifier on a queue with a scheduling policy
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html, shareIdentifier:
 * "If the job queue has a scheduling policy, then this parameter must be specified"), so a target
 * that drops it never runs a job. Only EventBridge Scheduler's universal target (and a workflow) can
 * send one: a rule's Batch target has no member for it
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html) and reads
 * only Parameters and ContainerOverrides from its input
 * (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html), so rules here submit
 * to a FIFO queue. Triggers' RetryPolicy and DeadLetterConfig are PutTargets members
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html).
 */

async function setup(region: string) {
  const {emulator} = await startEmulator({services: {batch: {transitionMs: 200}}, clock: {speed: 20}})
  const clients = new AwsClients({region, endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
  return {emulator, clients, registry}
}

async function settled(invocation: TargetInvocation): Promise<void> {
  await expect.poll(() => invocation.result !== undefined || invocation.error !== undefined, {timeout: 5000}).toBe(true)
}

describe('examples/multinode-training: the weekly schedule on the fair-share queue', () => {
  it('fires on the emulator clock and submits a job Batch accepts, with the share identifier', async () => {
    const config = exampleConfig('multinode-training')
    const {emulator, clients, registry} = await setup(config.region!)
    const model = desiredModel(config)
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    await applyPlan(registry, first.plan)
    expect((await planNow(registry, model)).plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])

    const invocations = emulator.state<{invocations: TargetInvocation[]}>('scheduler', config.region!).invocations
    // `cron(0 22 ? * FRI *)` runs once a week: eight days always include a Friday 22:00 in Los Angeles.
    for (let day = 0; day < 8 && !invocations.some((i) => i.sourceArn.endsWith('/ml-weekly-retrain')); day++) emulator.clock.advance(86_400_000)
    const fired = invocations.filter((i) => i.sourceArn.endsWith('/ml-weekly-retrain'))
    expect(fired.length).toBeGreaterThanOrEqual(1)
    const run = fired[0]!
    await settled(run)
    expect(run.error).toBeUndefined()
    expect(run).toMatchObject({service: 'batch', operation: 'SubmitJob'})
    expect(run.request).toMatchObject({jobName: 'ml-train', shareIdentifier: 'research', parameters: {epochs: '20'}})
    const jobId = (run.result as {jobId: string}).jobId
    const {jobs} = await clients.batch.send(new DescribeJobsCommand({jobs: [jobId]}))
    expect(jobs?.[0]).toMatchObject({jobName: 'ml-train', shareIdentifier: 'research', parameters: {epochs: '20'}})
  })
})

const ROLE = 'arn:aws:iam::123456789012:role/events'
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:batchctl-dead-letters'
const config: BatchConfig = {
  project: 'fair',
  region: 'us-east-1',
  defaults: {queue: 'shared', triggerRole: ROLE, scheduleRole: ROLE, timezone: 'Europe/Berlin'},
  computeEnvironments: {ce: {type: 'EC2', maxvCpus: 8, instanceTypes: ['optimal'], subnets: ['subnet-1'], securityGroups: ['sg-1'], instanceRole: 'ecsInstanceRole'}},
  schedulingPolicies: {teams: {shareDistribution: [{shareIdentifier: 'alpha', weightFactor: 1}, {shareIdentifier: 'beta'}]}},
  jobQueues: {shared: {priority: 1, computeEnvironments: ['ce'], schedulingPolicy: 'teams'}, fifo: {priority: 1, computeEnvironments: ['ce']}},
  jobDefinitions: {job: {image: 'python:3.12', vcpus: 1, memory: 512, command: ['run', 'Ref::key']}},
  triggers: {
    // A parameter from the event: an input transformer.
    'from-event': {
      event: {source: ['fair.uploads']},
      retryPolicy: {maximumRetryAttempts: 3, maximumEventAgeSeconds: 600},
      deadLetterQueue: DLQ,
      submit: {job: 'job', queue: 'fifo', parameters: {key: '$.detail.key'}},
    },
    // Static parameters only: they are the whole input.
    literal: {event: {source: ['fair.uploads']}, retryPolicy: {maximumRetryAttempts: 0}, submit: {job: 'job', queue: 'fifo', parameters: {key: 'fixed'}}},
    // Nothing for the input at all.
    bare: {event: {source: ['fair.uploads']}, submit: {job: 'job', queue: 'fifo'}},
  },
  schedules: {
    // Scheduler mode (the default) reaches the fair-share queue with its share and priority.
    often: {
      rate: '5 minutes',
      submit: {job: 'job', shareIdentifier: 'alpha', schedulingPriority: 3, parameters: {key: 's'}, overrides: {command: ['echo', 'hi'], memory: 1024, environment: {B: '2', A: '1'}}},
    },
    'classic-rule': {cron: '0 3 * * ? *', mode: 'rule', deadLetterQueue: DLQ, retryPolicy: {maximumRetryAttempts: 5}, submit: {job: 'job', queue: 'fifo'}},
  },
}

describe('fair-share settings, overrides and delivery policies on schedules and triggers', () => {
  it('is a config validate accepts', () => {
    expect(checkSemantics(config, {baseDir: '.'})).toEqual([])
  })

  it('apply sends them, read-back plans nothing, and fired targets submit jobs Batch accepts', async () => {
    const {emulator, clients, registry} = await setup('us-east-1')
    const model = desiredModel(config)
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    await applyPlan(registry, first.plan)
    const second = await planNow(registry, model)
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])

    const puts = emulator.calls.find('events', 'PutTargets').map((c) => c.input as {Rule: string; Targets: Array<Record<string, unknown>>})
    const targetOf = (rule: string) => puts.find((p) => p.Rule === rule)!.Targets[0]!
    expect(targetOf('fair-from-event')).toMatchObject({RetryPolicy: {MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 600}, DeadLetterConfig: {Arn: DLQ}})
    expect(targetOf('fair-from-event').InputTransformer).toEqual({InputPathsMap: {key: '$.detail.key'}, InputTemplate: '{"Parameters":{"key":<key>}}'})
    expect(targetOf('fair-classic-rule')).toMatchObject({RetryPolicy: {MaximumRetryAttempts: 5}, DeadLetterConfig: {Arn: DLQ}})
    expect(targetOf('fair-classic-rule').Input).toBeUndefined()
    expect(JSON.parse(targetOf('fair-literal').Input as string)).toEqual({Parameters: {key: 'fixed'}})
    expect(targetOf('fair-bare').Input).toBeUndefined()

    // Triggers: one event reaches the three rules, whose jobs land on the FIFO queue.
    const ruleRuns = emulator.state<{invocations: TargetInvocation[]}>('events', 'us-east-1').invocations
    await clients.events.send(new PutEventsCommand({Entries: [{Source: 'fair.uploads', DetailType: 'Uploaded', Detail: JSON.stringify({key: 'k-1'})}]}))
    await expect.poll(() => ruleRuns.length, {timeout: 5000}).toBe(3)
    for (const run of ruleRuns) await settled(run)
    expect(ruleRuns.map((r) => r.error)).toEqual([undefined, undefined, undefined])
    const byRule = Object.fromEntries(ruleRuns.map((r) => [r.sourceArn.replace(/.*\//, ''), r.request as Record<string, unknown>]))
    expect(byRule['fair-from-event']).toMatchObject({jobQueue: expect.stringMatching(/job-queue\/fair-fifo$/) as string, parameters: {key: 'k-1'}})
    expect(byRule['fair-literal']).toMatchObject({parameters: {key: 'fixed'}})
    for (const request of Object.values(byRule)) expect(request.shareIdentifier).toBeUndefined()

    // The Scheduler schedule: share, priority and container overrides in the SubmitJob request.
    const scheduleRuns = emulator.state<{invocations: TargetInvocation[]}>('scheduler', 'us-east-1').invocations
    emulator.clock.advance(6 * 60_000)
    const fired = scheduleRuns.find((i) => i.sourceArn.endsWith('/fair-often'))!
    expect(fired).toBeDefined()
    await settled(fired)
    expect(fired.error).toBeUndefined()
    expect(fired.request).toMatchObject({
      shareIdentifier: 'alpha',
      schedulingPriorityOverride: 3,
      containerOverrides: {
        command: ['echo', 'hi'],
        environment: [{name: 'A', value: '1'}, {name: 'B', value: '2'}],
        resourceRequirements: [{type: 'MEMORY', value: '1024'}],
      },
    })
    const {jobs} = await clients.batch.send(new DescribeJobsCommand({jobs: [(fired.result as {jobId: string}).jobId]}))
    expect(jobs?.[0]).toMatchObject({shareIdentifier: 'alpha', schedulingPriority: 3})
  })

  it('a rule target that still carries ShareIdentifier in its input (older batchctl) plans an update that removes it', async () => {
    const {emulator, clients, registry} = await setup('us-east-1')
    const model = desiredModel(config)
    await applyPlan(registry, (await planNow(registry, model)).plan)
    const puts = emulator.calls.find('events', 'PutTargets').map((c) => c.input as {Rule: string; Targets: Target[]})
    const targetOf = (rule: string) => puts.find((p) => p.Rule === rule)!.Targets[0]!
    // What earlier versions wrote: the members first in the input, also at the start of a template.
    const literal = {...targetOf('fair-literal'), Input: JSON.stringify({ShareIdentifier: 'beta', Parameters: {key: 'fixed'}})}
    const fromEvent = targetOf('fair-from-event')
    const oldTemplate = {...fromEvent, InputTransformer: {...fromEvent.InputTransformer!, InputTemplate: '{"ShareIdentifier":"alpha","SchedulingPriorityOverride":7,"Parameters":{"key":<key>}}'}}
    const bare = {...targetOf('fair-bare'), Input: JSON.stringify({ShareIdentifier: 'beta'})}
    await clients.events.send(new PutTargetsCommand({Rule: 'fair-literal', Targets: [literal]}))
    await clients.events.send(new PutTargetsCommand({Rule: 'fair-from-event', Targets: [oldTemplate]}))
    await clients.events.send(new PutTargetsCommand({Rule: 'fair-bare', Targets: [bare]}))

    const {plan} = await planNow(registry, model)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action, c.diffs.map((d) => d.path)]).sort()).toEqual([
      ['events.rule/bare', 'update', ['targets[id=batchctl].invoke.shareIdentifier']],
      ['events.rule/from-event', 'update', ['targets[id=batchctl].invoke.schedulingPriority', 'targets[id=batchctl].invoke.shareIdentifier']],
      ['events.rule/literal', 'update', ['targets[id=batchctl].invoke.shareIdentifier']],
    ])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const rewritten = emulator.calls.find('events', 'PutTargets').map((c) => c.input as {Rule: string; Targets: Target[]})
    const after = (rule: string) => rewritten.find((p) => p.Rule === rule)!.Targets[0]!
    expect(JSON.parse(after('fair-literal').Input!)).toEqual({Parameters: {key: 'fixed'}})
    expect(after('fair-from-event').InputTransformer!.InputTemplate).toBe('{"Parameters":{"key":<key>}}')
    expect(after('fair-bare').Input).toBeUndefined()
    expect((await planNow(registry, model)).plan.changes).toEqual([])
  })

  it('a changed share identifier, priority or retry policy plans an update of exactly that field', async () => {
    const {registry} = await setup('us-east-1')
    await applyPlan(registry, (await planNow(registry, desiredModel(config))).plan)
    const edited = structuredClone(config)
    edited.schedules!.often!.submit!.shareIdentifier = 'beta'
    edited.schedules!.often!.submit!.schedulingPriority = 9
    edited.triggers!.literal!.retryPolicy = {maximumRetryAttempts: 1}
    const {plan} = await planNow(registry, desiredModel(edited))
    const changes = plan.changes.map((c) => [c.id, c.action, c.diffs.map((d) => d.path).sort()])
    expect(changes).toHaveLength(2)
    expect(changes).toEqual(
      expect.arrayContaining([
        ['events.rule/literal', 'update', ['targets[id=batchctl].retryPolicy.maximumRetryAttempts']],
        ['scheduler.schedule/often', 'update', ['target.schedulingPriority', 'target.shareIdentifier']],
      ]),
    )
  })
})
