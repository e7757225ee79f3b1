import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {validateFile} from '../../src/config/validate-file.js'
import {desiredModel} from '../../src/desired/index.js'
import {plan} from '../../src/plan/index.js'
import {repoRoot} from '../helpers/cli.js'

/** The desired model of an example, after validate found nothing wrong with it. */
function exampleModel(name: string) {
  const {config, diagnostics} = validateFile(join(repoRoot, 'examples', name, 'batch.yaml'))
  expect(diagnostics).toEqual([])
  return desiredModel(config!)
}

const scheduling = (model: ReturnType<typeof desiredModel>) =>
  model.resources.filter((r) => r.kind === 'scheduler.scheduleGroup' || r.kind === 'scheduler.schedule' || r.kind === 'events.rule' || r.kind === 'sfn.stateMachine')

describe('the examples’ schedules, triggers and workflows', () => {
  it('fargate-nightly: a Berlin-time schedule with a flexible window and an S3 upload trigger', () => {
    const model = exampleModel('fargate-nightly')
    const queue = {ref: {kind: 'batch.jobQueue', logicalName: 'serverless'}}
    const report = {ref: {kind: 'batch.jobDefinition', logicalName: 'report'}}
    expect(scheduling(model)).toEqual([
      {kind: 'scheduler.scheduleGroup', logicalName: 'schedules', physicalName: 'reports-schedules', service: 'scheduler', spec: {}, dependsOn: [], tags: {team: 'analytics', 'cost-center': '4711'}},
      {
        kind: 'scheduler.schedule',
        logicalName: 'nightly',
        physicalName: 'reports-nightly',
        service: 'scheduler',
        spec: {
          group: {ref: {kind: 'scheduler.scheduleGroup', logicalName: 'schedules'}},
          scheduleExpression: 'cron(30 2 * * ? *)',
          scheduleExpressionTimezone: 'Europe/Berlin',
          state: 'ENABLED',
          description: 'Nightly report at 02:30 Berlin time',
          flexibleTimeWindow: {mode: 'FLEXIBLE', maximumWindowInMinutes: 15},
          roleArn: 'arn:aws:iam::123456789012:role/reports-scheduler',
          target: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: report, jobName: 'reports-report'},
          retryPolicy: {maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 3},
        },
        dependsOn: [],
        tags: {},
      },
      {
        kind: 'events.rule',
        logicalName: 'on-upload',
        physicalName: 'reports-on-upload',
        service: 'events',
        spec: {
          eventPattern: {source: ['aws.s3'], 'detail-type': ['Object Created'], detail: {bucket: {name: ['reports-raw']}, object: {key: [{suffix: '.csv'}]}}},
          state: 'ENABLED',
          description: 'Run the report on every CSV uploaded to the raw bucket',
          targets: [
            {
              id: 'batchctl',
              roleArn: 'arn:aws:iam::123456789012:role/reports-events',
              invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition: report, jobName: 'reports-report'},
              inputTransformer: {inputPathsMap: {input: '$.detail.object.key'}, inputTemplate: '{"Parameters":{"input":<input>}}'},
            },
          ],
        },
        dependsOn: [],
        tags: {team: 'analytics', 'cost-center': '4711'},
      },
    ])
  })

  it('multinode-training: a weekly Los Angeles schedule submitting the multi-node job with parameters', () => {
    expect(scheduling(exampleModel('multinode-training'))).toEqual([
      {kind: 'scheduler.scheduleGroup', logicalName: 'schedules', physicalName: 'ml-schedules', service: 'scheduler', spec: {}, dependsOn: [], tags: {team: 'ml-platform'}},
      {
        kind: 'scheduler.schedule',
        logicalName: 'weekly-retrain',
        physicalName: 'ml-weekly-retrain',
        service: 'scheduler',
        spec: {
          group: {ref: {kind: 'scheduler.scheduleGroup', logicalName: 'schedules'}},
          scheduleExpression: 'cron(0 22 ? * FRI *)',
          scheduleExpressionTimezone: 'America/Los_Angeles',
          state: 'ENABLED',
          flexibleTimeWindow: {mode: 'OFF'},
          roleArn: 'arn:aws:iam::123456789012:role/ml-scheduler',
          target: {
            type: 'batch.submitJob',
            jobQueue: {ref: {kind: 'batch.jobQueue', logicalName: 'training'}},
            jobDefinition: {ref: {kind: 'batch.jobDefinition', logicalName: 'train'}},
            jobName: 'ml-train',
            parameters: {epochs: '20'},
            // The queue has a fair-share policy: Batch refuses a submission without a share.
            shareIdentifier: 'research',
          },
        },
        dependsOn: [],
        tags: {},
      },
    ])
  })

  it('spot-array-pipeline: the pipeline state machine and a weekly schedule that starts it', () => {
    const resources = scheduling(exampleModel('spot-array-pipeline'))
    expect(resources.map((r) => `${r.kind}/${r.logicalName}`)).toEqual(['sfn.stateMachine/pipeline', 'scheduler.scheduleGroup/schedules', 'scheduler.schedule/weekly'])
    const machine = resources[0]!
    expect(machine).toMatchObject({
      physicalName: 'genomics-pipeline',
      spec: {roleArn: 'arn:aws:iam::123456789012:role/genomics-sfn'},
      tags: {team: 'research'},
    })
    // The same graph as test/workflows/golden/catch-from-nested-branch, with the example's names.
    const definition = machine.spec as {definition: {StartAt: string; States: Record<string, Record<string, unknown>>}}
    expect(definition.definition.StartAt).toBe('prepare')
    expect(Object.keys(definition.definition.States)).toEqual(['prepare', 'Parallel: align + qc', 'merge', 'notify-failure'])
    expect(definition.definition.States['Parallel: align + qc']!.Catch).toEqual([{ErrorEquals: ['Caught.align'], ResultPath: '$.steps.align', Next: 'notify-failure'}])
    expect(definition.definition.States.merge!.Parameters).toEqual({
      JobName: 'genomics-pipeline-merge',
      JobQueue: 'genomics-spot',
      JobDefinition: 'genomics-merge',
      Parameters: {'run.$': '$$.Execution.Input.run'},
    })
    expect(resources[2]!.spec).toEqual({
      group: {ref: {kind: 'scheduler.scheduleGroup', logicalName: 'schedules'}},
      scheduleExpression: 'cron(0 4 ? * SUN *)',
      scheduleExpressionTimezone: 'America/New_York',
      state: 'ENABLED',
      flexibleTimeWindow: {mode: 'OFF'},
      roleArn: 'arn:aws:iam::123456789012:role/genomics-scheduler',
      target: {type: 'sfn.startExecution', stateMachine: {ref: {kind: 'sfn.stateMachine', logicalName: 'pipeline'}}, input: '{"run":"weekly"}'},
    })
  })

  it('plans every example from nothing without errors', () => {
    const examples = readdirSync(join(repoRoot, 'examples'), {withFileTypes: true}).filter((d) => d.isDirectory())
    expect(examples.length).toBeGreaterThanOrEqual(3)
    for (const example of examples) {
      const result = plan(exampleModel(example.name), {resources: []})
      expect(result.errors).toEqual([])
      expect(result.changes.every((c) => c.action === 'create')).toBe(true)
    }
  })
})
