import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {workflows} from '../../src/desired/workflows.js'
import {BugError, UserError} from '../../src/errors.js'
import {plan} from '../../src/plan/index.js'
import {loadWorkflowDefinitions} from '../../src/workflows/load-definitions.js'

const base: BatchConfig = {
  project: 'genomics',
  tags: {team: 'research'},
  defaults: {queue: 'spot', workflowRole: 'arn:aws:iam::123456789012:role/sfn'},
  computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 8, subnets: ['subnet-1'], securityGroups: ['sg-1'], instanceRole: 'ecsInstanceRole'}},
  jobQueues: {spot: {priority: 1, computeEnvironments: ['spot']}, fast: {priority: 9, computeEnvironments: ['spot']}},
  jobDefinitions: {prepare: {image: 'python:3.12', vcpus: 1, memory: 512}, align: {image: 'python:3.12', vcpus: 1, memory: 512}},
}

describe('workflows → Step Functions state machines', () => {
  it('compiles steps with physical names of queues and job definitions, and depends on them', () => {
    const config: BatchConfig = {
      ...base,
      workflows: {
        pipeline: {
          tags: {stage: 'prod'},
          steps: [
            {name: 'prepare', job: 'prepare'},
            {name: 'align', job: 'align', after: ['prepare'], queue: 'fast', arraySize: 10},
          ],
        },
      },
    }
    const [machine] = workflows({config, project: 'genomics', env: 'prod', imageUris: {}})
    expect(machine).toMatchObject({
      kind: 'sfn.stateMachine',
      logicalName: 'pipeline',
      physicalName: 'genomics-prod-pipeline',
      service: 'sfn',
      dependsOn: [
        {kind: 'batch.jobQueue', logicalName: 'spot'},
        {kind: 'batch.jobDefinition', logicalName: 'prepare'},
        {kind: 'batch.jobQueue', logicalName: 'fast'},
        {kind: 'batch.jobDefinition', logicalName: 'align'},
      ],
      tags: {team: 'research', stage: 'prod'},
      spec: {roleArn: 'arn:aws:iam::123456789012:role/sfn'},
    })
    const definition = machine!.spec.definition as {Comment: string; StartAt: string; States: Record<string, {Parameters: unknown}>}
    expect(definition.Comment).toBe('batchctl: workflows.pipeline of project genomics')
    expect(definition.StartAt).toBe('prepare')
    expect(definition.States.align!.Parameters).toEqual({
      JobName: 'genomics-prod-pipeline-align',
      JobQueue: 'genomics-prod-fast',
      JobDefinition: 'genomics-prod-align',
      ArrayProperties: {Size: 10},
    })
    const result = plan(desiredModel(config, {env: 'prod'}), {resources: []})
    expect(result.errors).toEqual([])
    expect(result.changes.find((c) => c.id === 'sfn.stateMachine/pipeline')?.dependsOn).toEqual(
      expect.arrayContaining(['batch.jobQueue/spot', 'batch.jobQueue/fast', 'batch.jobDefinition/align', 'batch.jobDefinition/prepare']),
    )
  })

  it('reads a definitionFile and resolves ${...} references to names and ARNs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-asl-'))
    writeFileSync(
      join(dir, 'flow.asl.json'),
      JSON.stringify({
        StartAt: 'Run',
        States: {
          Run: {
            Type: 'Task',
            Resource: 'arn:aws:states:::batch:submitJob.sync',
            Parameters: {JobName: 'run', JobQueue: '${jobQueues.spot.arn}', JobDefinition: '${jobDefinitions.align.name}', Note: 'queue ${jobQueues.fast.name}'},
            Next: 'Child',
          },
          Child: {Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: {StateMachineArn: '${workflows.child.arn}'}, End: true},
        },
      }),
    )
    const config: BatchConfig = {...base, region: 'eu-west-1', workflows: {flow: {definitionFile: 'flow.asl.json'}, child: {steps: [{name: 'a', job: 'align'}]}}}
    const definitions = loadWorkflowDefinitions(config, dir)
    const machines = workflows({config, project: 'genomics', imageUris: {}, accountId: '123456789012', workflowDefinitions: definitions})
    const flow = machines.find((m) => m.logicalName === 'flow')!
    expect(flow.spec.definition).toEqual({
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: 'arn:aws:states:::batch:submitJob.sync',
          Parameters: {
            JobName: 'run',
            JobQueue: 'arn:aws:batch:eu-west-1:123456789012:job-queue/genomics-spot',
            JobDefinition: 'genomics-align',
            Note: 'queue genomics-fast',
          },
          Next: 'Child',
        },
        Child: {Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: {StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:genomics-child'}, End: true},
      },
    })
    expect(flow.dependsOn).toEqual([
      {kind: 'batch.jobQueue', logicalName: 'spot'},
      {kind: 'batch.jobDefinition', logicalName: 'align'},
      {kind: 'batch.jobQueue', logicalName: 'fast'},
      {kind: 'sfn.stateMachine', logicalName: 'child'},
    ])
    // Without the account id, Batch ARNs fall back to names and a workflow ARN is an error.
    expect(() => workflows({config, project: 'genomics', imageUris: {}, workflowDefinitions: definitions})).toThrow(/needs the AWS account id/)
    const withoutChild = {...definitions, flow: {StartAt: 'Run', States: {Run: {Type: 'Pass', Parameters: {Q: '${jobQueues.spot.arn}'}, End: true}}}}
    const [fallback] = workflows({config: {...config, workflows: {flow: {definitionFile: 'flow.asl.json'}}}, project: 'genomics', imageUris: {}, workflowDefinitions: withoutChild})
    expect(fallback!.spec.definition).toEqual({StartAt: 'Run', States: {Run: {Type: 'Pass', Parameters: {Q: 'genomics-spot'}, End: true}}})
  })

  it('names an unknown reference, refuses a missing file, and needs definitions loaded first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-asl-'))
    const config: BatchConfig = {...base, workflows: {flow: {definitionFile: 'flow.asl.json'}}}
    expect(() => loadWorkflowDefinitions(config, dir)).toThrow(UserError)
    expect(() => workflows({config, project: 'genomics', imageUris: {}})).toThrow(BugError)
    const bad = {flow: {StartAt: 'A', States: {A: {Type: 'Pass', Result: '${jobQueues.slow.name}', End: true}}}}
    expect(() => workflows({config, project: 'genomics', imageUris: {}, workflowDefinitions: bad})).toThrow(/jobQueues.slow, which batch.yaml does not define/)
  })

  it('refuses a workflow without a role when there is no defaults.workflowRole', () => {
    const config: BatchConfig = {...base, defaults: {queue: 'spot'}, workflows: {w: {steps: [{name: 'a', job: 'align'}]}}}
    expect(() => workflows({config, project: 'genomics', imageUris: {}})).toThrow(/defaults.workflowRole/)
  })
})
