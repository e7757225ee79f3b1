import {DescribeJobsCommand} from '@aws-sdk/client-batch'
import {PutEventsCommand} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
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
 * that drops it never runs a job. Triggers' RetryPolicy and DeadLetterConfig are PutTargets members
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
  jobQueues: {shared: {priority: 1, computeEnvironments: ['ce'], schedulingPolicy: 'teams'}},
  jobDefinitions: {job: {image: 'python:3.12', vcpus: 1, memory: 512, command: ['run', 'Ref::key']}},
  triggers: {
    // A parameter from the event: the share identifier sits in the input template.
    'from-event': {
      event: {source: ['fair.uploads']},
      retryPolicy: {maximumRetryAttempts: 3, maximumEventAgeSeconds: 600},
      deadLetterQueue: DLQ,
      submit: {job: 'job', shareIdentifier: 'alpha', schedulingPriority: 7, parameters: {key: '$.detail.key'}},
    },
    // Static parameters only: the share identifier joins them in the input.
    literal: {event: {source: ['fair.uploads']}, retryPolicy: {maximumRetryAttempts: 0}, submit: {job: 'job', shareIdentifier: 'beta', parameters: {key: 'fixed'}}},
    // Nothing else in the input: the share identifier is all of it.
    bare: {event: {source: ['fair.uploads']}, submit: {job: 'job', shareIdentifier: 'beta'}},
  },
  schedules: {
    often: {
      rate: '5 minutes',
      submit: {job: 'job', shareIdentifier: 'alpha', schedulingPriority: 3, parameters: {key: 's'}, overrides: {command: ['echo', 'hi'], memory: 1024, environment: {B: '2', A: '1'}}},
    },
    'classic-rule': {cron: '0 3 * * ? *', mode: 'rule', deadLetterQueue: DLQ, retryPolicy: {maximumRetryAttempts: 5}, submit: {job: 'job', shareIdentifier: 'beta'}},
  },
}

describe('fair-share settings, overrides and delivery policies on schedules and triggers', () => {
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
    expect(targetOf('fair-classic-rule')).toMatchObject({RetryPolicy: {MaximumRetryAttempts: 5}, DeadLetterConfig: {Arn: DLQ}})
    expect(JSON.parse(targetOf('fair-literal').Input as string)).toEqual({ShareIdentifier: 'beta', Parameters: {key: 'fixed'}})
    expect(JSON.parse(targetOf('fair-bare').Input as string)).toEqual({ShareIdentifier: 'beta'})

    // Triggers: one event reaches the three rules.
    const ruleRuns = emulator.state<{invocations: TargetInvocation[]}>('events', 'us-east-1').invocations
    await clients.events.send(new PutEventsCommand({Entries: [{Source: 'fair.uploads', DetailType: 'Uploaded', Detail: JSON.stringify({key: 'k-1'})}]}))
    await expect.poll(() => ruleRuns.length, {timeout: 5000}).toBe(3)
    for (const run of ruleRuns) await settled(run)
    expect(ruleRuns.map((r) => r.error)).toEqual([undefined, undefined, undefined])
    const byRule = Object.fromEntries(ruleRuns.map((r) => [r.sourceArn.replace(/.*\//, ''), r.request]))
    expect(byRule['fair-from-event']).toMatchObject({shareIdentifier: 'alpha', schedulingPriorityOverride: 7, parameters: {key: 'k-1'}})
    expect(byRule['fair-literal']).toMatchObject({shareIdentifier: 'beta', parameters: {key: 'fixed'}})
    expect(byRule['fair-bare']).toMatchObject({shareIdentifier: 'beta'})

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

  it('a changed share identifier or retry policy plans an update of exactly that field', async () => {
    const {registry} = await setup('us-east-1')
    await applyPlan(registry, (await planNow(registry, desiredModel(config))).plan)
    const edited = structuredClone(config)
    edited.triggers!['from-event']!.submit!.shareIdentifier = 'beta'
    edited.triggers!.literal!.retryPolicy = {maximumRetryAttempts: 1}
    edited.schedules!.often!.submit!.schedulingPriority = 9
    const {plan} = await planNow(registry, desiredModel(edited))
    const changes = plan.changes.map((c) => [c.id, c.action, c.diffs.map((d) => d.path)])
    expect(changes).toHaveLength(3)
    expect(changes).toEqual(
      expect.arrayContaining([
        ['events.rule/from-event', 'update', ['targets[id=batchctl].invoke.shareIdentifier']],
        ['events.rule/literal', 'update', ['targets[id=batchctl].retryPolicy.maximumRetryAttempts']],
        ['scheduler.schedule/often', 'update', ['target.schedulingPriority']],
      ]),
    )
  })
})
