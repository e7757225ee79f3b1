import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {schedulePreview} from '../../src/desired/schedules.js'
import {UserError} from '../../src/errors.js'
import {plan} from '../../src/plan/index.js'

const role = 'arn:aws:iam::123456789012:role/scheduler'
const base: BatchConfig = {
  project: 'genomics',
  tags: {team: 'research'},
  defaults: {queue: 'default', scheduleRole: role, timezone: 'Europe/Berlin', workflowRole: 'arn:aws:iam::123456789012:role/sfn'},
  computeEnvironments: {fargate: {type: 'FARGATE', maxvCpus: 8, subnets: ['subnet-1'], securityGroups: ['sg-1']}},
  jobQueues: {default: {priority: 1, computeEnvironments: ['fargate']}, bulk: {priority: 2, computeEnvironments: ['fargate']}},
  jobDefinitions: {align: {image: 'python:3.12', vcpus: 1, memory: 2048, platform: 'FARGATE', executionRole: 'arn:aws:iam::123456789012:role/exec'}},
  workflows: {pipeline: {steps: [{name: 'align', job: 'align'}]}},
}

function withSchedules(schedules: BatchConfig['schedules'], env?: string) {
  return desiredModel({...base, schedules}, env === undefined ? {} : {env})
}

const find = (model: ReturnType<typeof desiredModel>, kind: string, name: string) => model.resources.find((r) => r.kind === kind && r.logicalName === name)

describe('schedules → EventBridge Scheduler', () => {
  it('puts every schedule in one group per project/env that carries the tags, and gives schedules none', () => {
    const model = withSchedules({nightly: {cron: '0 2 * * ? *', submit: {job: 'align'}}, hourly: {rate: '1 hour', submit: {job: 'align'}}}, 'prod')
    const groups = model.resources.filter((r) => r.kind === 'scheduler.scheduleGroup')
    expect(groups).toEqual([
      {kind: 'scheduler.scheduleGroup', logicalName: 'schedules', physicalName: 'genomics-prod-schedules', service: 'scheduler', spec: {}, dependsOn: [], tags: {team: 'research'}},
    ])
    expect(find(model, 'scheduler.schedule', 'nightly')).toMatchObject({physicalName: 'genomics-prod-nightly', tags: {}})
  })

  it('builds a Batch submit target with the unversioned job definition, the default queue and time zone', () => {
    const model = withSchedules({
      nightly: {
        cron: 'cron(0 2 * * ? *)',
        description: 'nightly run',
        flexibleWindow: 15,
        retryPolicy: {maximumEventAgeSeconds: 3600, maximumRetryAttempts: 3},
        deadLetterQueue: 'arn:aws:sqs:eu-central-1:123456789012:dlq',
        submit: {job: 'align', arraySize: 10, parameters: {run: 'nightly'}},
      },
    })
    expect(find(model, 'scheduler.schedule', 'nightly')?.spec).toEqual({
      group: {ref: {kind: 'scheduler.scheduleGroup', logicalName: 'schedules'}},
      scheduleExpression: 'cron(0 2 * * ? *)',
      scheduleExpressionTimezone: 'Europe/Berlin',
      state: 'ENABLED',
      description: 'nightly run',
      flexibleTimeWindow: {mode: 'FLEXIBLE', maximumWindowInMinutes: 15},
      roleArn: role,
      target: {
        type: 'batch.submitJob',
        jobQueue: {ref: {kind: 'batch.jobQueue', logicalName: 'default'}},
        jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'align'}},
        jobName: 'genomics-align',
        arraySize: 10,
        parameters: {run: 'nightly'},
      },
      retryPolicy: {maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3},
      deadLetterArn: 'arn:aws:sqs:eu-central-1:123456789012:dlq',
    })
  })

  it('starts a workflow with its input as JSON text; honours own queue, role, time zone, name and enabled: false', () => {
    const model = withSchedules({
      weekly: {rate: 'rate(7 days)', timezone: 'UTC', enabled: false, role: 'arn:aws:iam::123456789012:role/other', start: {workflow: 'pipeline', input: {run: 'weekly', n: 2}}},
      once: {at: '2026-12-01T09:00:00', submit: {job: 'align', queue: 'bulk', name: 'one-off'}},
    })
    expect(find(model, 'scheduler.schedule', 'weekly')?.spec).toEqual({
      group: {ref: {kind: 'scheduler.scheduleGroup', logicalName: 'schedules'}},
      scheduleExpression: 'rate(7 days)',
      scheduleExpressionTimezone: 'UTC',
      state: 'DISABLED',
      flexibleTimeWindow: {mode: 'OFF'},
      roleArn: 'arn:aws:iam::123456789012:role/other',
      target: {type: 'sfn.startExecution', stateMachine: {ref: {kind: 'sfn.stateMachine', logicalName: 'pipeline'}}, input: '{"run":"weekly","n":2}'},
    })
    expect(find(model, 'scheduler.schedule', 'once')?.spec).toMatchObject({
      scheduleExpression: 'at(2026-12-01T09:00:00)',
      target: {jobQueue: {ref: {kind: 'batch.jobQueue', logicalName: 'bulk'}}, jobName: 'one-off'},
    })
  })

  it('makes `mode: rule` an EventBridge rule with the expression in UTC and a Batch target, and no schedule group', () => {
    const model = withSchedules({legacy: {cron: '0 3 * * ? *', mode: 'rule', submit: {job: 'align', parameters: {run: 'legacy'}}}})
    expect(model.resources.filter((r) => r.kind.startsWith('scheduler.'))).toEqual([])
    expect(find(model, 'events.rule', 'legacy')).toEqual({
      kind: 'events.rule',
      logicalName: 'legacy',
      physicalName: 'genomics-legacy',
      service: 'events',
      spec: {
        scheduleExpression: 'cron(0 3 * * ? *)',
        state: 'ENABLED',
        targets: [
          {
            id: 'batchctl',
            roleArn: role,
            invoke: {
              type: 'batch.submitJob',
              jobQueue: {ref: {kind: 'batch.jobQueue', logicalName: 'default'}},
              jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'align'}},
              jobName: 'genomics-align',
              // The events adapter sends literal parameters as the input {"Parameters": {...}}.
              parameters: {run: 'legacy'},
            },
          },
        ],
      },
      dependsOn: [],
      tags: {team: 'research'},
    })
  })

  it('refuses a schedule without a role when there is no defaults.scheduleRole', () => {
    const config: BatchConfig = {...base, defaults: {queue: 'default', workflowRole: 'arn:aws:iam::123456789012:role/sfn'}, schedules: {nightly: {cron: '0 2 * * ? *', submit: {job: 'align'}}}}
    expect(() => desiredModel(config)).toThrow(UserError)
    expect(() => desiredModel(config)).toThrow(/defaults.scheduleRole/)
  })

  it('plans schedules after their group, queue, job definition and state machine without errors', () => {
    const model = withSchedules({nightly: {cron: '0 2 * * ? *', submit: {job: 'align'}}, weekly: {rate: '7 days', start: {workflow: 'pipeline'}}})
    const result = plan(model, {resources: []})
    expect(result.errors).toEqual([])
    const creates = result.changes.map((c) => c.id)
    for (const dep of ['scheduler.scheduleGroup/schedules', 'batch.jobQueue/default', 'batch.jobDefinition/align', 'sfn.stateMachine/pipeline']) {
      expect(creates).toContain(dep)
    }
    const nightly = result.changes.find((c) => c.id === 'scheduler.schedule/nightly')!
    expect(nightly.dependsOn).toEqual(expect.arrayContaining(['scheduler.scheduleGroup/schedules', 'batch.jobQueue/default', 'batch.jobDefinition/align']))
  })
})

describe('schedulePreview', () => {
  it('reads a cron expression and lists the next runs in its time zone', () => {
    const preview = schedulePreview({cron: '30 2 * * ? *', timezone: 'Europe/Berlin', submit: {job: 'x'}}, {from: new Date('2026-06-01T12:00:00Z'), count: 2})
    expect(preview).toEqual({
      expression: 'cron(30 2 * * ? *)',
      timezone: 'Europe/Berlin',
      description: 'At 02:30 AM (Europe/Berlin)',
      nextRuns: [
        {utc: '2026-06-02T00:30:00.000Z', local: '2026-06-02T02:30+02:00'},
        {utc: '2026-06-03T00:30:00.000Z', local: '2026-06-03T02:30+02:00'},
      ],
    })
  })

  // EventBridge Scheduler skips a time that does not exist when clocks go forward and runs a
  // repeated time once when they go back:
  // https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html (Daylight savings time).
  it('skips 02:30 on the last Sunday of March in Europe/Berlin (clocks jump from 02:00 to 03:00)', () => {
    const preview = schedulePreview({cron: '30 2 * * ? *', submit: {job: 'x'}}, {from: new Date('2026-03-27T12:00:00Z'), count: 3, defaultTimezone: 'Europe/Berlin'})
    expect(preview.nextRuns).toEqual([
      {utc: '2026-03-28T01:30:00.000Z', local: '2026-03-28T02:30+01:00'},
      {utc: '2026-03-30T00:30:00.000Z', local: '2026-03-30T02:30+02:00'},
      {utc: '2026-03-31T00:30:00.000Z', local: '2026-03-31T02:30+02:00'},
    ])
  })

  it('runs 02:30 once on the last Sunday of October in Europe/Berlin (02:00-03:00 happens twice)', () => {
    const daily = schedulePreview({cron: '30 2 * * ? *', timezone: 'Europe/Berlin', submit: {job: 'x'}}, {from: new Date('2026-10-24T12:00:00Z'), count: 2})
    expect(daily.nextRuns).toEqual([
      {utc: '2026-10-25T00:30:00.000Z', local: '2026-10-25T02:30+02:00'},
      {utc: '2026-10-26T01:30:00.000Z', local: '2026-10-26T02:30+01:00'},
    ])
    const halfHourly = schedulePreview({cron: '0/30 * * * ? *', timezone: 'Europe/Berlin', submit: {job: 'x'}}, {from: new Date('2026-10-24T23:45:00Z'), count: 5})
    expect(halfHourly.nextRuns.map((r) => r.local)).toEqual([
      '2026-10-25T02:00+02:00',
      '2026-10-25T02:30+02:00',
      '2026-10-25T03:00+01:00',
      '2026-10-25T03:30+01:00',
      '2026-10-25T04:00+01:00',
    ])
  })

  it('describes weekdays as EventBridge numbers them (1 = Sunday), rules in UTC, rates and one-time schedules', () => {
    expect(schedulePreview({cron: '0 4 ? * 1 *', mode: 'rule', submit: {job: 'x'}}, {from: new Date('2026-01-01T00:00:00Z'), count: 1})).toEqual({
      expression: 'cron(0 4 ? * 1 *)',
      timezone: 'UTC',
      description: 'At 04:00 AM, only on Sunday (UTC)',
      nextRuns: [{utc: '2026-01-04T04:00:00.000Z', local: '2026-01-04T04:00+00:00'}],
    })
    expect(schedulePreview({rate: '5 minutes', submit: {job: 'x'}}, {from: new Date()})).toMatchObject({expression: 'rate(5 minutes)', description: 'Every 5 minutes', nextRuns: []})
    const once = {at: '2026-12-01T09:00:00', timezone: 'America/New_York', submit: {job: 'x'}}
    expect(schedulePreview(once, {from: new Date('2026-11-01T00:00:00Z')})).toEqual({
      expression: 'at(2026-12-01T09:00:00)',
      timezone: 'America/New_York',
      description: 'Once, at 2026-12-01 09:00:00 (America/New_York)',
      nextRuns: [{utc: '2026-12-01T14:00:00.000Z', local: '2026-12-01T09:00-05:00'}],
    })
    expect(schedulePreview(once, {from: new Date('2026-12-02T00:00:00Z')}).nextRuns).toEqual([])
  })
})
