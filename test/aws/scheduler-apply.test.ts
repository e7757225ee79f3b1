import {DescribeJobsCommand} from '@aws-sdk/client-batch'
import {PutRuleCommand, PutTargetsCommand} from '@aws-sdk/client-eventbridge'
import {CreateScheduleCommand, CreateScheduleGroupCommand, DeleteScheduleGroupCommand, UpdateScheduleCommand} from '@aws-sdk/client-scheduler'
import {CreateStateMachineCommand} from '@aws-sdk/client-sfn'
import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import type {Emulator} from '../../src/local/emulator.js'
import type {TargetInvocation} from '../../src/local/services/events/target-invocation.js'
import type {AnyResource, Model} from '../../src/model/index.js'
import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import {repoRoot} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'
import {applyPlan, exampleConfig, exampleModel, planNow} from './apply-harness.js'

/*
 * Schedules, rules and state machines through createAdapters against the emulator over HTTP:
 * apply every step of a plan, read again, and the next plan is empty (promise 1); one updatable
 * field at a time plans and sends exactly that update; removing one deletes exactly it; a
 * schedule created here fires on the emulator clock and submits a Batch job.
 */

const ROLE = 'arn:aws:iam::123456789012:role/genomics-scheduler'
const queue = {ref: {kind: 'batch.jobQueue' as const, logicalName: 'spot'}}
const jobDefinition = (logicalName: string) => ({ref: {kind: 'batch.jobDefinition' as const, logicalName}})
/** The emulator (virtual time 20× real) and every adapter createAdapters registers, with short waits. */
async function harness(options: {region: string; groupDeletionMs?: number}) {
  const scheduler = options.groupDeletionMs === undefined ? {} : {scheduler: {groupDeletionMs: options.groupDeletionMs}}
  const {emulator} = await startEmulator({services: {batch: {transitionMs: 200}, ...scheduler}, clock: {speed: 20}})
  const clients = new AwsClients({region: options.region, endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
  return {emulator, clients, registry}
}

const MUTATING = /^(Create|Update|Delete|Register|Deregister|Put|Remove|Tag|Untag)/

/** A one-task ASL definition submitting `prepare` to the spot queue (ARNs as the desired model writes them). */
function definition(account: string, jobName = 'prepare'): unknown {
  return {
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Task',
        Resource: 'arn:aws:states:::batch:submitJob.sync',
        Parameters: {
          JobName: jobName,
          JobQueue: `arn:aws:batch:us-east-1:${account}:job-queue/genomics-spot`,
          JobDefinition: `arn:aws:batch:us-east-1:${account}:job-definition/genomics-prepare`,
        },
        End: true,
      },
    },
  }
}

/**
 * The spot-array-pipeline example's Batch and ECR resources plus, built by hand, what its
 * schedules, triggers and workflows become: a schedule group, a Batch schedule and a Step
 * Functions schedule, a rule with a Batch target (parameters from the event through an input
 * transformer) and a Batch target with static parameters, and a state machine.
 */
function scheduledModel(account: string): Model {
  const base = exampleModel(exampleConfig('spot-array-pipeline'), account)
  const group = {kind: 'scheduler.scheduleGroup' as const, logicalName: 'default'}
  const scheduling: AnyResource[] = [
    {kind: 'scheduler.scheduleGroup', logicalName: 'default', physicalName: 'genomics-schedules', service: 'scheduler', spec: {}, dependsOn: [], tags: {team: 'research'}},
    {
      kind: 'scheduler.schedule',
      logicalName: 'nightly',
      physicalName: 'genomics-nightly',
      service: 'scheduler',
      spec: {
        group: {ref: group},
        scheduleExpression: 'cron(0 2 * * ? *)',
        scheduleExpressionTimezone: 'Europe/Berlin',
        roleArn: ROLE,
        target: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: jobDefinition('align'), jobName: 'genomics-align', arraySize: 10, parameters: {run: 'nightly'}},
      },
      dependsOn: [],
      tags: {},
    },
    {
      kind: 'scheduler.schedule',
      logicalName: 'weekly',
      physicalName: 'genomics-weekly',
      service: 'scheduler',
      spec: {
        group: {ref: group},
        scheduleExpression: 'cron(0 4 ? * SUN *)',
        scheduleExpressionTimezone: 'America/New_York',
        description: 'the whole pipeline',
        roleArn: ROLE,
        target: {type: 'sfn.startExecution', stateMachine: {ref: {kind: 'sfn.stateMachine', logicalName: 'pipeline'}}, input: '{"run": "weekly"}'},
      },
      dependsOn: [],
      tags: {},
    },
    {
      kind: 'sfn.stateMachine',
      logicalName: 'pipeline',
      physicalName: 'genomics-pipeline',
      service: 'sfn',
      spec: {definition: definition(account), roleArn: 'arn:aws:iam::123456789012:role/genomics-sfn'},
      dependsOn: [
        {kind: 'batch.jobQueue', logicalName: 'spot'},
        {kind: 'batch.jobDefinition', logicalName: 'prepare'},
      ],
      tags: {team: 'research'},
    },
    {
      kind: 'events.rule',
      logicalName: 'on-upload',
      physicalName: 'genomics-on-upload',
      service: 'events',
      spec: {
        eventPattern: {source: ['aws.s3'], 'detail-type': ['Object Created'], detail: {bucket: {name: ['raw-reads']}}},
        description: 'align new reads',
        targets: [
          {
            id: 'batchctl',
            roleArn: ROLE,
            invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: jobDefinition('qc'), jobName: 'genomics-qc'},
            inputTransformer: {inputPathsMap: {key: '$.detail.object.key'}, inputTemplate: '{"Parameters": {"run": <key>}}'},
          },
          {
            id: 'prepare',
            roleArn: ROLE,
            invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: jobDefinition('prepare'), jobName: 'genomics-prepare', parameters: {run: 'upload'}, retryAttempts: 2},
          },
        ],
      },
      dependsOn: [],
      tags: {team: 'research'},
    },
  ]
  return {...base, resources: [...base.resources, ...scheduling]}
}

async function appliedHarness(options: {groupDeletionMs?: number} = {}) {
  const {emulator, clients, registry} = await harness({region: 'us-east-1', ...options})
  const model = scheduledModel(emulator.accountId)
  await applyPlan(registry, (await planNow(registry, model)).plan)
  return {emulator, clients, registry, model}
}

function mutations(emulator: Emulator): string[] {
  return emulator.calls
    .all()
    .filter((r) => r.status < 400 && MUTATING.test(r.operation))
    .map((r) => `${r.service}:${r.operation}`)
}

function resource<K extends AnyResource['kind']>(model: Model, kind: K, logicalName: string): Extract<AnyResource, {kind: K}> {
  const found = model.resources.find((r) => r.kind === kind && r.logicalName === logicalName)
  if (found === undefined) throw new Error(`no ${kind}/${logicalName}`)
  return found as Extract<AnyResource, {kind: K}>
}

describe('schedules, rules and state machines: apply then read plans empty', () => {
  it('a hand-built model with every scheduling kind', async () => {
    const {emulator, registry} = await harness({region: 'us-east-1'})
    const model = scheduledModel(emulator.accountId)
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    expect(first.plan.changes.every((c) => c.action === 'create')).toBe(true)
    await applyPlan(registry, first.plan)

    const second = await planNow(registry, model)
    expect(second.plan.errors).toEqual([])
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    expect(second.snapshot.resources).toHaveLength(model.resources.length)

    // What AWS holds: the schedule's universal target carries the SubmitJob request with the job
    // definition ARN without revision; the rule's Batch target its BatchParameters.
    const create = emulator.calls.find('scheduler', 'CreateSchedule').find((c) => (c.input as {Name?: string}).Name === 'genomics-nightly')!
    const target = (create.input as {Target: {Arn: string; Input: string}}).Target
    expect(target.Arn).toBe('arn:aws:scheduler:::aws-sdk:batch:submitJob')
    expect(JSON.parse(target.Input)).toEqual({
      JobName: 'genomics-align',
      JobQueue: `arn:aws:batch:us-east-1:${emulator.accountId}:job-queue/genomics-spot`,
      JobDefinition: `arn:aws:batch:us-east-1:${emulator.accountId}:job-definition/genomics-align`,
      ArrayProperties: {Size: 10},
      Parameters: {run: 'nightly'},
    })
    const put = emulator.calls.find('events', 'PutTargets')[0]!.input as {Targets: Array<{Id: string; Input?: string; BatchParameters?: unknown}>}
    const prepare = put.Targets.find((t) => t.Id === 'prepare')!
    expect(prepare.BatchParameters).toEqual({
      JobDefinition: `arn:aws:batch:us-east-1:${emulator.accountId}:job-definition/genomics-prepare`,
      JobName: 'genomics-prepare',
      RetryStrategy: {Attempts: 2},
    })
    expect(JSON.parse(prepare.Input!)).toEqual({Parameters: {run: 'upload'}})
    // Ownership: tags at creation on the group, the rule and the state machine; STS asked once per adapter at most.
    expect(emulator.calls.find('scheduler', 'CreateScheduleGroup')[0]!.input).toMatchObject({Tags: expect.arrayContaining([{Key: 'batchctl:project', Value: 'genomics'}])})
    expect(emulator.calls.find('sts', 'GetCallerIdentity').length).toBeLessThanOrEqual(4)
  })

  const examples = readdirSync(join(repoRoot, 'examples'))
  it.each(examples)('examples/%s: its schedules, triggers and workflows as the desired model makes them', async (name) => {
    const config: BatchConfig = exampleConfig(name)
    const {emulator, registry} = await harness({region: config.region ?? 'us-east-1'})
    const imageUris = Object.fromEntries(
      Object.keys(config.images ?? {}).map((key) => [key, `${emulator.accountId}.dkr.ecr.${config.region}.amazonaws.com/${config.project}-${key}@sha256:${'a'.repeat(64)}`]),
    )
    const model = desiredModel(config, {imageUris})
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    await applyPlan(registry, first.plan)
    const second = await planNow(registry, model)
    expect(second.plan.errors).toEqual([])
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    // Every resource the model wants was read back, and each section became its kinds.
    expect(second.snapshot.resources).toHaveLength(model.resources.length)
    const kinds = new Set(model.resources.map((r) => r.kind))
    if (config.schedules !== undefined) expect(kinds).toContain('scheduler.schedule')
    if (config.triggers !== undefined) expect(kinds).toContain('events.rule')
    if (config.workflows !== undefined) expect(kinds).toContain('sfn.stateMachine')
  })
})

type Edit = {name: string; edit: (model: Model, account: string) => void; change: string; diffPaths: string[]; calls: string[]}

const edits: Edit[] = [
  {
    name: "a schedule's expression",
    edit: (m) => (resource(m, 'scheduler.schedule', 'nightly').spec.scheduleExpression = 'cron(30 3 * * ? *)'),
    change: 'scheduler.schedule/nightly',
    diffPaths: ['scheduleExpression'],
    calls: ['scheduler:UpdateSchedule'],
  },
  {
    name: "a schedule's time zone",
    edit: (m) => (resource(m, 'scheduler.schedule', 'weekly').spec.scheduleExpressionTimezone = 'Europe/London'),
    change: 'scheduler.schedule/weekly',
    diffPaths: ['scheduleExpressionTimezone'],
    calls: ['scheduler:UpdateSchedule'],
  },
  {
    name: "a rule's event pattern",
    edit: (m) => (resource(m, 'events.rule', 'on-upload').spec.eventPattern = {source: ['aws.s3'], 'detail-type': ['Object Created'], detail: {bucket: {name: ['raw-reads-2']}}}),
    change: 'events.rule/on-upload',
    diffPaths: ['eventPattern.detail.bucket.name'],
    // PutRule with the whole rule, then the new spec hash; the targets are unchanged.
    calls: ['events:PutRule', 'events:TagResource'],
  },
  {
    name: "a rule target's job definition",
    edit: (m) => {
      const target = resource(m, 'events.rule', 'on-upload').spec.targets[1]!
      if (target.invoke.type === 'batch.submitJob') target.invoke.jobDefinition = jobDefinition('merge')
    },
    change: 'events.rule/on-upload',
    diffPaths: ['targets[id=prepare].invoke.jobDefinition'],
    calls: ['events:PutTargets', 'events:TagResource'],
  },
  {
    name: 'a state machine definition',
    edit: (m, account) => (resource(m, 'sfn.stateMachine', 'pipeline').spec.definition = definition(account, 'prepare-again')),
    change: 'sfn.stateMachine/pipeline',
    diffPaths: ['definition.States.Prepare.Parameters.JobName'],
    calls: ['states:UpdateStateMachine', 'states:TagResource'],
  },
]

describe('one updatable field at a time', () => {
  it.each(edits)('$name', async ({edit, change, diffPaths, calls}) => {
    const {emulator, registry, model} = await appliedHarness()
    const changed = structuredClone(model)
    edit(changed, emulator.accountId)
    const {plan} = await planNow(registry, changed)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([[change, 'update']])
    expect(plan.changes[0]!.diffs.map((d) => d.path)).toEqual(diffPaths)

    emulator.calls.clear()
    await applyPlan(registry, plan)
    expect(mutations(emulator)).toEqual(calls)
    const sent = emulator.calls.all().find((r) => `${r.service}:${r.operation}` === calls[0])!.input as Record<string, unknown>
    if (calls[0] === 'scheduler:UpdateSchedule') {
      // UpdateSchedule replaces the whole schedule: the full desired schedule is sent.
      expect(sent).toMatchObject({GroupName: 'genomics-schedules', FlexibleTimeWindow: {Mode: 'OFF'}, Target: {RoleArn: ROLE}})
      expect(sent.ScheduleExpressionTimezone).toBeDefined()
    }
    if (calls[0] === 'events:PutRule') expect(sent).toMatchObject({Name: 'genomics-on-upload', Description: 'align new reads', State: 'ENABLED'})
    if (calls[0] === 'states:UpdateStateMachine') expect(Object.keys(sent).sort()).toEqual(['definition', 'stateMachineArn'])

    const after = await planNow(registry, changed)
    expect(after.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
  })
})

describe('removing one deletes exactly it', () => {
  const removals: Array<{kind: AnyResource['kind']; logicalName: string; calls: string[]}> = [
    {kind: 'scheduler.schedule', logicalName: 'nightly', calls: ['scheduler:DeleteSchedule']},
    // Rules: targets first (AWS refuses to delete a rule that has any), then the rule.
    {kind: 'events.rule', logicalName: 'on-upload', calls: ['events:RemoveTargets', 'events:DeleteRule']},
  ]
  it.each(removals)('$kind/$logicalName', async ({kind, logicalName, calls}) => {
    const {emulator, registry, model} = await appliedHarness()
    const smaller = {...model, resources: model.resources.filter((r) => !(r.kind === kind && r.logicalName === logicalName))}
    const {plan} = await planNow(registry, smaller)
    expect(plan.changes.map((c) => c.action)).toEqual(['delete'])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    expect(mutations(emulator)).toEqual(calls)
    const after = await planNow(registry, smaller)
    expect(after.plan.changes).toEqual([])
    expect(after.snapshot.resources.some((r) => r.kind === kind && r.physicalName === resource(model, kind, logicalName).physicalName)).toBe(false)
  })

  it('destroy removes schedules before their group, the state machine after the schedule that starts it', async () => {
    const {emulator, registry, model} = await appliedHarness()
    const empty: Model = {project: model.project, resources: []}
    const {plan} = await planNow(registry, empty)
    expect(plan.errors).toEqual([])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const done = mutations(emulator)
    const at = (call: string) => done.indexOf(call)
    expect(at('scheduler:DeleteScheduleGroup')).toBeGreaterThan(done.lastIndexOf('scheduler:DeleteSchedule'))
    expect(at('states:DeleteStateMachine')).toBeGreaterThan(done.lastIndexOf('scheduler:DeleteSchedule'))
    const after = await planNow(registry, empty)
    expect(after.snapshot.resources).toEqual([])
  })
})

describe('a schedule created through the adapter fires', () => {
  it('submits the latest job definition revision to the queue when the clock reaches it', async () => {
    const {emulator, clients, registry, model} = await appliedHarness()
    const fast = structuredClone(model)
    resource(fast, 'scheduler.schedule', 'nightly').spec.scheduleExpression = 'rate(5 minutes)'
    await applyPlan(registry, (await planNow(registry, fast)).plan)
    // A new revision of the job definition changes nothing in the schedule: it names the job
    // definition without revision, so the next run takes the new one.
    resource(fast, 'batch.jobDefinition', 'align').spec.containerProperties!.command = ['python', 'align.py', '--v2']
    const revised = await planNow(registry, fast)
    expect(revised.plan.changes.map((c) => c.id)).toEqual(['batch.jobDefinition/align'])
    await applyPlan(registry, revised.plan)

    const invocations = emulator.state<{invocations: TargetInvocation[]}>('scheduler', 'us-east-1').invocations
    const before = invocations.length
    emulator.clock.advance(6 * 60_000)
    const fired = invocations.slice(before).filter((i) => i.sourceArn.endsWith('/genomics-nightly'))
    expect(fired.length).toBeGreaterThanOrEqual(1)
    const first = fired[0]!
    await expect.poll(() => first.result ?? first.error, {timeout: 5000}).toBeDefined()
    expect(first.error).toBeUndefined()
    expect(first).toMatchObject({service: 'batch', operation: 'SubmitJob'})
    expect(first.request).toMatchObject({
      jobName: 'genomics-align',
      jobQueue: `arn:aws:batch:us-east-1:${emulator.accountId}:job-queue/genomics-spot`,
      jobDefinition: `arn:aws:batch:us-east-1:${emulator.accountId}:job-definition/genomics-align`,
      arrayProperties: {size: 10},
      parameters: {run: 'nightly'},
    })
    expect(first.result).toMatchObject({jobName: 'genomics-align', jobId: expect.any(String)})
    const {jobs} = await clients.batch.send(new DescribeJobsCommand({jobs: [(first.result as {jobId: string}).jobId]}))
    expect(jobs?.[0]?.jobDefinition).toBe(`arn:aws:batch:us-east-1:${emulator.accountId}:job-definition/genomics-align:2`)
  })

  it('starts the state machine it names, with its input', async () => {
    const {emulator, registry, model} = await appliedHarness()
    const fast = structuredClone(model)
    resource(fast, 'scheduler.schedule', 'weekly').spec.scheduleExpression = 'rate(5 minutes)'
    await applyPlan(registry, (await planNow(registry, fast)).plan)

    const invocations = emulator.state<{invocations: TargetInvocation[]}>('scheduler', 'us-east-1').invocations
    const before = invocations.length
    emulator.clock.advance(6 * 60_000)
    const fired = invocations.slice(before).filter((i) => i.sourceArn.endsWith('/genomics-weekly'))
    expect(fired.length).toBeGreaterThanOrEqual(1)
    const first = fired[0]!
    await expect.poll(() => first.result ?? first.error, {timeout: 5000}).toBeDefined()
    expect(first.error).toBeUndefined()
    expect(first).toMatchObject({service: 'states', operation: 'StartExecution'})
    expect(first.request).toMatchObject({stateMachineArn: `arn:aws:states:us-east-1:${emulator.accountId}:stateMachine:genomics-pipeline`})
    expect(JSON.parse((first.request as {input: string}).input)).toEqual({run: 'weekly'})
    expect(first.result).toMatchObject({executionArn: expect.stringContaining(':execution:genomics-pipeline:')})
  })
})

describe('the live snapshot reads candidates only', () => {
  const READS = /^(Describe|List|Get)/
  const counts = (emulator: Emulator) => {
    const out: Record<string, number> = {}
    for (const c of emulator.calls.all()) {
      if (c.service !== 'batch' && c.service !== 'ecr' && READS.test(c.operation)) out[`${c.service}:${c.operation}`] = (out[`${c.service}:${c.operation}`] ?? 0) + 1
    }
    return out
  }

  it("costs the same whatever else the account holds: per-item calls only for the project's resources", async () => {
    const {emulator, clients, registry, model} = await appliedHarness()
    emulator.calls.clear()
    await planNow(registry, model)
    // One group (tags, one list of schedules, one GetSchedule per schedule), one bus with one
    // prefix, one rule (tags, targets), one state machine (tags, description).
    const expected = {
      'scheduler:ListScheduleGroups': 1,
      'scheduler:ListTagsForResource': 1,
      'scheduler:ListSchedules': 1,
      'scheduler:GetSchedule': 2,
      'events:ListEventBuses': 1,
      'events:ListRules': 1,
      'events:ListTagsForResource': 1,
      'events:ListTargetsByRule': 1,
      'states:ListStateMachines': 1,
      'states:ListTagsForResource': 1,
      'states:DescribeStateMachine': 1,
    }
    expect(counts(emulator)).toEqual(expected)

    // Other teams' groups with schedules, rules and state machines, outside the project prefix.
    const definition = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}'
    for (let i = 0; i < 5; i++) {
      await clients.scheduler.send(new CreateScheduleGroupCommand({Name: `other-${i}`}))
      await clients.scheduler.send(
        new CreateScheduleCommand({
          Name: `other-${i}`,
          GroupName: `other-${i}`,
          ScheduleExpression: 'rate(1 hour)',
          FlexibleTimeWindow: {Mode: 'OFF'},
          Target: {Arn: `arn:aws:states:us-east-1:${emulator.accountId}:stateMachine:other-${i}`, RoleArn: ROLE},
        }),
      )
      await clients.events.send(new PutRuleCommand({Name: `other-${i}`, ScheduleExpression: 'rate(1 hour)'}))
      await clients.sfn.send(new CreateStateMachineCommand({name: `other-${i}`, definition, roleArn: ROLE}))
    }
    emulator.calls.clear()
    const again = await planNow(registry, model)
    expect(again.plan.changes).toEqual([])
    expect(counts(emulator)).toEqual(expected)
  })
})

describe('replacements and names not yet free', () => {
  it('a state machine type change replaces it under a generated name and re-points the schedule that starts it', async () => {
    const {emulator, registry, model} = await appliedHarness()
    const changed = structuredClone(model)
    const machine = resource(changed, 'sfn.stateMachine', 'pipeline')
    machine.spec.type = 'EXPRESS'
    // EXPRESS machines refuse the .sync (Run a Job) pattern, so the task becomes a plain
    // request-response submitJob (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html).
    const task = (machine.spec.definition as {States: {Prepare: {Resource: string}}}).States.Prepare
    task.Resource = 'arn:aws:states:::batch:submitJob'
    const {plan} = await planNow(registry, changed)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([
      ['sfn.stateMachine/pipeline', 'replace'],
      ['scheduler.schedule/weekly', 'update'],
    ])
    const newName = plan.names['sfn.stateMachine/pipeline']!
    expect(newName).toMatch(/^genomics-pipeline-[0-9a-f]{8}$/)

    emulator.calls.clear()
    await applyPlan(registry, plan)
    expect(mutations(emulator)).toEqual(['states:CreateStateMachine', 'scheduler:UpdateSchedule', 'states:DeleteStateMachine'])
    const update = emulator.calls.find('scheduler', 'UpdateSchedule')[0]!.input as {Target: {Arn: string}}
    expect(update.Target.Arn).toBe(`arn:aws:states:us-east-1:${emulator.accountId}:stateMachine:${newName}`)
    const after = await planNow(registry, changed)
    expect(after.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
  })

  it('a schedule group still DELETING is waited out before it is created again', async () => {
    // 60 virtual seconds of DELETING: 3 real seconds at the harness's speed.
    const {emulator, clients, registry, model} = await appliedHarness({groupDeletionMs: 60_000})
    // Deleted behind batchctl's back: its schedules go with it, the name stays taken while DELETING.
    await clients.scheduler.send(new DeleteScheduleGroupCommand({Name: 'genomics-schedules'}))
    const {plan} = await planNow(registry, model)
    expect(plan.changes.map((c) => [c.id, c.action]).sort()).toEqual([
      ['scheduler.schedule/nightly', 'create'],
      ['scheduler.schedule/weekly', 'create'],
      ['scheduler.scheduleGroup/default', 'create'],
    ])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const creates = emulator.calls.find('scheduler', 'CreateScheduleGroup')
    // The first attempt met the DELETING group (ConflictException), the last one succeeded.
    expect(creates.map((c) => c.error ?? 'ok')).toEqual(['ConflictException', 'ok'])
    const after = await planNow(registry, model)
    expect(after.plan.changes).toEqual([])
  })

  it('an aborted step makes no call', async () => {
    const {emulator, registry} = await harness({region: 'us-east-1'})
    const model = scheduledModel(emulator.accountId)
    const {plan} = await planNow(registry, model)
    const step = plan.changes.find((c) => c.id === 'scheduler.scheduleGroup/default')!.steps[0]!
    const controller = new AbortController()
    controller.abort(new Error('stopped'))
    emulator.calls.clear()
    const change = plan.changes.find((c) => c.id === step.changeId)!
    await expect(registry.forKind(step.kind).execute(step, {plan, change, signal: controller.signal, progress: () => {}})).rejects.toThrow('stopped')
    expect(emulator.calls.all().filter((r) => MUTATING.test(r.operation))).toEqual([])
  })
})

describe('drift on owned resources is planned and undone', () => {
  it("a schedule re-pointed at a Lambda and an extra target on the project's rule", async () => {
    const {emulator, clients, registry, model} = await appliedHarness()
    const lambda = `arn:aws:lambda:us-east-1:${emulator.accountId}:function:other`
    await clients.scheduler.send(
      new UpdateScheduleCommand({
        Name: 'genomics-nightly',
        GroupName: 'genomics-schedules',
        ScheduleExpression: 'cron(0 2 * * ? *)',
        ScheduleExpressionTimezone: 'Europe/Berlin',
        FlexibleTimeWindow: {Mode: 'OFF'},
        Target: {Arn: lambda, RoleArn: ROLE},
      }),
    )
    await clients.events.send(new PutTargetsCommand({Rule: 'genomics-on-upload', Targets: [{Id: 'extra', Arn: lambda}]}))

    const {plan} = await planNow(registry, model)
    expect(plan.changes.map((c) => [c.id, c.action])).toEqual([
      ['scheduler.schedule/nightly', 'update'],
      ['events.rule/on-upload', 'update'],
    ])
    expect(plan.changes[1]!.diffs.map((d) => d.path)).toContain('targets[id=extra]')
    emulator.calls.clear()
    await applyPlan(registry, plan)
    // The desired spec (and so its hash tag) did not change: no retagging.
    expect(mutations(emulator)).toEqual(['scheduler:UpdateSchedule', 'events:RemoveTargets'])
    expect(emulator.calls.find('events', 'RemoveTargets')[0]!.input).toMatchObject({Rule: 'genomics-on-upload', Ids: ['extra']})
    const after = await planNow(registry, model)
    expect(after.plan.changes).toEqual([])
  })
})

describe('renaming a schedule group', () => {
  it('moves its schedules: new group and schedules first, then the old schedules and group', async () => {
    const {emulator, registry, model} = await appliedHarness()
    const renamed = structuredClone(model)
    resource(renamed, 'scheduler.scheduleGroup', 'default').physicalName = 'genomics-timetable'
    const {plan} = await planNow(registry, renamed)
    expect(plan.errors).toEqual([])
    expect(plan.changes.map((c) => [c.id, c.action]).sort()).toEqual([
      ['-scheduler.schedule/genomics-schedules/genomics-nightly', 'delete'],
      ['-scheduler.schedule/genomics-schedules/genomics-weekly', 'delete'],
      ['scheduler.schedule/nightly', 'create'],
      ['scheduler.schedule/weekly', 'create'],
      ['scheduler.scheduleGroup/default', 'replace'],
    ])
    emulator.calls.clear()
    await applyPlan(registry, plan)
    const groupOf = (operation: string) =>
      emulator.calls
        .find('scheduler', operation)
        .filter((r) => r.status < 400)
        .map((r) => (r.input as {GroupName?: string; Name?: string}).GroupName ?? (r.input as {Name?: string}).Name)
    expect(groupOf('CreateScheduleGroup')).toEqual(['genomics-timetable'])
    expect(groupOf('CreateSchedule')).toEqual(['genomics-timetable', 'genomics-timetable'])
    expect(groupOf('DeleteScheduleGroup')).toEqual(['genomics-schedules'])
    const done = mutations(emulator)
    expect(done.indexOf('scheduler:DeleteScheduleGroup')).toBe(done.length - 1)
    const after = await planNow(registry, renamed)
    expect(after.plan.changes).toEqual([])
  })
})
