import {DescribeExecutionCommand, type DescribeExecutionCommandOutput, CreateStateMachineCommand, SFNClient, StartExecutionCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {WorkflowStep} from '../../src/config/types.generated.js'
import {compileSteps} from '../../src/workflows/compile.js'
import {describe1, simpleSetup, startBatch} from '../local/batch-jobs-setup.js'

// The compiled pipeline runs in the embedded emulator through the real SFN client: Batch
// `.sync` tasks, Parallel states merging `steps` with States.JsonMerge, Catch to a handler
// across a Parallel branch (Caught.<step>) and Catch to a Fail state.
// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html (a failed .sync job
// fails the task with States.TaskFailed). The emulator's job parameter BATCHCTL_SIM_EXIT_CODE sets
// a simulated job's exit code.

/** The spot-array-pipeline example's graph; each job's exit code comes from the execution input. */
const exit = (step: string) => ({BATCHCTL_SIM_EXIT_CODE: `$.exit.${step}`})
const steps: WorkflowStep[] = [
  {name: 'prepare', job: 'def', parameters: {run: '$.run', ...exit('prepare')}},
  {name: 'align', job: 'def', arraySize: 2, after: ['prepare'], parameters: {...exit('align'), parent: '$.steps.prepare.JobId'}, catch: {next: 'notify-failure'}},
  {name: 'qc', job: 'def', after: ['prepare'], parameters: exit('qc'), catch: {fail: 'QcFailed'}},
  {name: 'merge', job: 'def', after: ['align', 'qc'], parameters: {...exit('merge'), qc: '$.steps.qc.JobId'}},
  {name: 'notify-failure', job: 'def', parameters: {...exit('notify'), error: '$.steps.align.Error'}},
]

async function setup() {
  const fixture = await startBatch({clock: {speed: 0}, services: {states: {syncPollMs: 1000}}})
  await simpleSetup(fixture, 8)
  const sfn = new SFNClient({...fixture.config, maxAttempts: 1})
  const definition = compileSteps(steps, {jobQueue: (queue) => queue, defaultQueue: 'q', jobDefinition: (job) => job, jobNamePrefix: 'genomics-pipeline'})
  const {stateMachineArn} = await sfn.send(
    new CreateStateMachineCommand({name: 'pipeline', definition: JSON.stringify(definition), roleArn: 'arn:aws:iam::123456789012:role/sfn'}),
  )
  const run = async (codes: Record<string, string>): Promise<DescribeExecutionCommandOutput> => {
    const exitCodes = {prepare: '0', align: '0', qc: '0', merge: '0', notify: '0', ...codes}
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input: JSON.stringify({run: 'weekly', exit: exitCodes})}))
    for (let i = 0; i < 5000; i++) {
      const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
      if (described.status !== 'RUNNING') return described
      fixture.emulator.clock.advance(100)
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error('execution did not finish')
  }
  return {...fixture, run}
}

describe('compiled workflows run in the emulator', () => {
  it('runs every step when all succeed, passing results between steps across the parallel join', async () => {
    const {run, batch} = await setup()
    const described = await run({})
    expect(described.status).toBe('SUCCEEDED')
    const output = JSON.parse(described.output!) as {steps: Record<string, {JobId: string; JobName: string; Status: string}>}
    expect(Object.keys(output.steps).sort()).toEqual(['align', 'merge', 'prepare', 'qc'])
    expect(output.steps.merge).toMatchObject({JobName: 'genomics-pipeline-merge', Status: 'SUCCEEDED'})
    const merge = await describe1(batch, output.steps.merge!.JobId)
    expect(merge.parameters).toMatchObject({qc: output.steps.qc!.JobId, BATCHCTL_SIM_EXIT_CODE: '0'})
    const align = await describe1(batch, output.steps.align!.JobId)
    expect(align.parameters).toMatchObject({parent: output.steps.prepare!.JobId})
    expect(align.arrayProperties?.size).toBe(2)
    const prepare = await describe1(batch, output.steps.prepare!.JobId)
    expect(prepare.parameters).toMatchObject({run: 'weekly'})
  })

  it('goes to the handler when align fails inside the parallel branch, and skips merge', async () => {
    const {run, batch} = await setup()
    const described = await run({align: '3'})
    expect(described.status).toBe('SUCCEEDED')
    const output = JSON.parse(described.output!) as {steps: Record<string, {JobId?: string; Error?: string; Cause?: string}>}
    expect(output.steps.align).toMatchObject({Error: 'Caught.align'})
    // The cause of the job failure travels through the Fail state's CausePath.
    expect(JSON.parse(output.steps.align!.Cause!)).toMatchObject({Status: 'FAILED'})
    expect(output.steps).not.toHaveProperty('merge')
    const notify = await describe1(batch, output.steps['notify-failure']!.JobId!)
    expect(notify.parameters).toMatchObject({error: 'Caught.align'})
  })

  it('fails the execution with the catch.fail error when qc fails, not through the align handler', async () => {
    const {run} = await setup()
    const described = await run({qc: '3'})
    expect(described.status).toBe('FAILED')
    expect(described.error).toBe('QcFailed')
    expect(JSON.parse(described.cause!)).toMatchObject({Status: 'FAILED'})
  })
})
