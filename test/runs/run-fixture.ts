import {CreateStateMachineCommand, SFNClient} from '@aws-sdk/client-sfn'

import {AwsClients} from '../../src/aws/clients.js'
import {sfnExecutions} from '../../src/aws/runs/sfn-executions.js'
import type {ExecutionsApi, HistoryEvent} from '../../src/runs/executions-api.js'
import {simpleSetup, startBatch} from '../local/batch-jobs-setup.js'

export const ROLE = 'arn:aws:iam::123456789012:role/demo-sfn'

/** A `.sync` Batch task on queue `q` with definition `def`; `parameters` become job parameters. */
export function batchTask(jobName: string, extra: Record<string, unknown> = {}, parameters?: Record<string, string>) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::batch:submitJob.sync',
    Parameters: {JobName: jobName, JobQueue: 'q', JobDefinition: 'def', ...(parameters ? {Parameters: parameters} : {})},
    ...extra,
  }
}

/**
 * A workflow with a fan-out Map over `$.samples`, an array job of 3, and a step that fails
 * (BATCHCTL_SIM_EXIT_CODE) whose Catch goes to `onCatch`: `Cleanup` (the run succeeds) or
 * `GiveUp`, a Fail state (the run fails with `Pipeline.Failed`).
 */
export function pipelineDefinition(onCatch: 'Cleanup' | 'GiveUp') {
  return {
    StartAt: 'Prepare',
    States: {
      Prepare: batchTask('prepare', {Next: 'Fanout', ResultPath: null}),
      Fanout: {
        Type: 'Map',
        ItemsPath: '$.samples',
        Iterator: {StartAt: 'Align', States: {Align: batchTask('align', {End: true})}},
        ResultPath: null,
        Next: 'Array',
      },
      Array: batchTask('array', {Next: 'Flaky', ResultPath: null, Parameters: {...batchTask('array').Parameters, ArrayProperties: {Size: 3}}}),
      Flaky: batchTask('flaky', {Next: 'Done', Catch: [{ErrorEquals: ['States.ALL'], Next: onCatch, ResultPath: '$.error'}]}, {BATCHCTL_SIM_EXIT_CODE: '2'}),
      // AWS refuses unreachable states, so only the Catch's target is defined.
      ...(onCatch === 'Cleanup'
        ? {Cleanup: batchTask('cleanup', {Next: 'Done', ResultPath: null})}
        : {GiveUp: {Type: 'Fail', Error: 'Pipeline.Failed', Cause: 'flaky step failed'}}),
      Done: {Type: 'Succeed'},
    },
  }
}

/**
 * The emulator over HTTP with Batch (CE, queue `q`, definition `def`) and Step Functions on a
 * fast virtual clock, real SDK clients, and the run adapter. `history` records every event the
 * adapter hands out, to check that polling never repeats or skips one.
 */
export async function runFixture(options: {historyPageSize?: number} = {}) {
  const fixture = await startBatch({clock: {speed: 100}, services: {states: {syncPollMs: 500}, batch: {jobTransitionMs: 200, jobDurationMs: 1000}}})
  await simpleSetup(fixture, 16)
  const clients = new AwsClients({region: 'us-east-1', endpoint: fixture.emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  const sfn = new SFNClient(fixture.config)
  const real = sfnExecutions(clients, options)
  const handedOut: HistoryEvent[] = []
  const api: ExecutionsApi = {
    ...real,
    historySince: async (arn, afterId) => {
      const events = await real.historySince(arn, afterId)
      handedOut.push(...events)
      return events
    },
  }
  const createMachine = async (name: string, definition: object): Promise<string> => {
    const out = await sfn.send(new CreateStateMachineCommand({name, definition: JSON.stringify(definition), roleArn: ROLE}))
    return out.stateMachineArn!
  }
  return {...fixture, clients, sfn, api, handedOut, createMachine}
}
