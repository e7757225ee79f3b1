import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {UserError} from '../../src/errors.js'
import {plan} from '../../src/plan/index.js'

const role = 'arn:aws:iam::123456789012:role/events'
const base: BatchConfig = {
  project: 'reports',
  tags: {team: 'analytics'},
  defaults: {queue: 'default', triggerRole: role, workflowRole: 'arn:aws:iam::123456789012:role/sfn'},
  computeEnvironments: {fargate: {type: 'FARGATE', maxvCpus: 8, subnets: ['subnet-1'], securityGroups: ['sg-1']}},
  jobQueues: {default: {priority: 1, computeEnvironments: ['fargate']}},
  jobDefinitions: {report: {image: 'python:3.12', vcpus: 1, memory: 2048, platform: 'FARGATE', executionRole: 'arn:aws:iam::123456789012:role/exec'}},
  workflows: {pipeline: {steps: [{name: 'report', job: 'report'}]}},
}
const s3Event = {source: ['aws.s3'], 'detail-type': ['Object Created'], detail: {bucket: {name: ['raw']}}}
const queue = {ref: {kind: 'batch.jobQueue', logicalName: 'default'}}
const jobDefinition = {ref: {kind: 'batch.jobDefinition', logicalName: 'report'}}

function rule(triggers: BatchConfig['triggers']) {
  const model = desiredModel({...base, triggers})
  return model.resources.filter((r) => r.kind === 'events.rule')
}

describe('triggers → EventBridge rules', () => {
  // EventBridge's Batch target takes the job's Parameters from the (transformed) input; the
  // AWS Batch guide's example maps $.detail paths with InputPathsMap into an unquoted
  // placeholder inside {"Parameters": {...}}:
  // https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html
  it('maps `$.` parameters through an input transformer next to the literal ones', () => {
    const [resource] = rule({
      'on-upload': {
        description: 'report per upload',
        event: s3Event,
        submit: {job: 'report', parameters: {input: '$.detail.object.key', bucket: '$.detail.bucket.name', mode: 'full', 'input-key': '$.id'}},
      },
    })
    expect(resource).toEqual({
      kind: 'events.rule',
      logicalName: 'on-upload',
      physicalName: 'reports-on-upload',
      service: 'events',
      spec: {
        eventPattern: s3Event,
        state: 'ENABLED',
        description: 'report per upload',
        targets: [
          {
            id: 'batchctl',
            roleArn: role,
            invoke: {type: 'batch.submitJob', jobQueue: queue, jobDefinition, jobName: 'reports-report'},
            inputTransformer: {
              // InputPathsMap keys may only hold letters and digits, and must be unique.
              inputPathsMap: {input: '$.detail.object.key', bucket: '$.detail.bucket.name', inputkey: '$.id'},
              inputTemplate: '{"Parameters":{"input":<input>,"bucket":<bucket>,"mode":"full","input-key":<inputkey>}}',
            },
          },
        ],
      },
      dependsOn: [],
      tags: {team: 'analytics'},
    })
  })

  it('keeps literal-only parameters on the invocation, and puts container overrides in the input', () => {
    const [literal, overrides] = rule({
      a: {event: s3Event, submit: {job: 'report', parameters: {mode: 'full'}}},
      b: {event: s3Event, submit: {job: 'report', parameters: {key: '$.detail.object.key'}, overrides: {command: ['run', 'x'], vcpus: 2, environment: {B: '2', A: '1'}}}},
    })
    expect(literal?.spec).toMatchObject({targets: [{id: 'batchctl', invoke: {parameters: {mode: 'full'}}}]})
    expect(literal?.spec).not.toHaveProperty('targets.0.input')
    expect(overrides?.spec).toMatchObject({
      targets: [
        {
          inputTransformer: {
            inputPathsMap: {key: '$.detail.object.key'},
            inputTemplate:
              '{"Parameters":{"key":<key>},"ContainerOverrides":{"Command":["run","x"],"Environment":[{"Name":"A","Value":"1"},{"Name":"B","Value":"2"}],"ResourceRequirements":[{"Type":"VCPU","Value":"2"}]}}',
          },
        },
      ],
    })
  })

  it('starts a workflow with input from the event, on its own bus, disabled, with its own role and queue-free target', () => {
    const [resource] = rule({
      start: {
        event: {source: ['my.app']},
        bus: 'custom-bus',
        enabled: false,
        role: 'arn:aws:iam::123456789012:role/other',
        start: {workflow: 'pipeline', input: {file: '$.detail.file', run: 'event', nested: {aws: '$.account'}}},
      },
    })
    expect(resource?.spec).toEqual({
      eventBusName: 'custom-bus',
      eventPattern: {source: ['my.app']},
      state: 'DISABLED',
      targets: [
        {
          id: 'batchctl',
          roleArn: 'arn:aws:iam::123456789012:role/other',
          invoke: {type: 'sfn.startExecution', stateMachine: {ref: {kind: 'sfn.stateMachine', logicalName: 'pipeline'}}},
          inputTransformer: {
            // Keys may not start with "AWS".
            inputPathsMap: {file: '$.detail.file', paws: '$.account'},
            inputTemplate: '{"file":<file>,"run":"event","nested":{"aws":<paws>}}',
          },
        },
      ],
    })
    const [literal] = rule({s: {event: {source: ['my.app']}, start: {workflow: 'pipeline', input: {run: 'event'}}}})
    // A workflow's static input belongs to the invocation (the events adapter reads it back there).
    expect(literal?.spec).toMatchObject({targets: [{invoke: {type: 'sfn.startExecution', input: '{"run":"event"}'}}]})
  })

  it('refuses a trigger without a role when there is no defaults.triggerRole', () => {
    const config: BatchConfig = {...base, defaults: {queue: 'default', workflowRole: 'arn:aws:iam::123456789012:role/sfn'}, triggers: {t: {event: s3Event, submit: {job: 'report'}}}}
    expect(() => desiredModel(config)).toThrow(UserError)
    expect(() => desiredModel(config)).toThrow(/defaults.triggerRole/)
  })

  it('plans a rule after the queue, job definition and state machine it targets', () => {
    const model = desiredModel({...base, triggers: {a: {event: s3Event, submit: {job: 'report'}}, b: {event: s3Event, start: {workflow: 'pipeline'}}}})
    const result = plan(model, {resources: []})
    expect(result.errors).toEqual([])
    expect(result.changes.find((c) => c.id === 'events.rule/a')?.dependsOn).toEqual(expect.arrayContaining(['batch.jobQueue/default', 'batch.jobDefinition/report']))
    expect(result.changes.find((c) => c.id === 'events.rule/b')?.dependsOn).toEqual(expect.arrayContaining(['sfn.stateMachine/pipeline']))
  })

  // A rule's Batch target has no member for them (API_BatchParameters.html) and reads only
  // Parameters and ContainerOverrides from its input (batch-cwe-target.html): the invocation
  // leaves them out rather than promise them. validate refuses such a trigger beforehand.
  it('leaves a share identifier and scheduling priority off the rule target, also defaults.shareIdentifier', () => {
    const model = desiredModel({
      ...base,
      defaults: {...base.defaults, shareIdentifier: 'lab'},
      triggers: {a: {event: s3Event, submit: {job: 'report', parameters: {mode: 'full'}}}, b: {event: s3Event, submit: {job: 'report', shareIdentifier: 'x', schedulingPriority: 4}}},
    })
    const targets = model.resources.flatMap((r) => (r.kind === 'events.rule' ? r.spec.targets : []))
    expect(targets.map((t) => t.invoke)).toEqual([
      {type: 'batch.submitJob', jobQueue: queue, jobDefinition, jobName: 'reports-report', parameters: {mode: 'full'}},
      {type: 'batch.submitJob', jobQueue: queue, jobDefinition, jobName: 'reports-report'},
    ])
    expect(targets.map((t) => t.input)).toEqual([undefined, undefined])
  })
})
