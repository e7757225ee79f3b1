import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {type SfnOptions, TaskFailure} from '../../src/local/services/sfn/options.js'
import {startEmulator} from '../helpers/emulator.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'
const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:work'

async function setup(states: SfnOptions) {
  const {emulator, config} = await startEmulator({clock: {speed: 0}, services: {states}})
  const sfn = new SFNClient({...config, maxAttempts: 1})
  const start = async (definition: object, input: unknown): Promise<string> => {
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'dm', definition: JSON.stringify(definition), roleArn: ROLE}))
    return (await sfn.send(new StartExecutionCommand({stateMachineArn, input: JSON.stringify(input)}))).executionArn!
  }
  const finish = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
    for (let i = 0; i < 1000; i++) {
      const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
      if (described.status !== 'RUNNING') return described
      emulator.clock.advance(200)
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error('did not finish')
  }
  return {emulator, sfn, start, finish}
}

const distributed = (extra: object = {}) => ({
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      ItemsPath: '$.items',
      Label: 'fan',
      MaxConcurrency: 3,
      ItemProcessor: {
        ProcessorConfig: {Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD'},
        StartAt: 'Work',
        States: {Work: {Type: 'Task', Resource: WORK, End: true}},
      },
      ...extra,
      End: true,
    },
  },
})

const failOdd = (input: unknown) => {
  if (typeof input === 'number' && input % 2 === 1) throw new TaskFailure('Item.Odd', `item ${input}`)
  return {doubled: (input as number) * 2}
}

describe('Step Functions Distributed Map', () => {
  it('runs items as a Map Run: MapRun events in the parent history, counts in DescribeMapRun', async () => {
    const {sfn, start, finish} = await setup({taskHandlers: {[WORK]: (input) => ({doubled: (input as number) * 2})}})
    const arn = await start(distributed(), {items: [1, 2, 3, 4, 5]})
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    expect(JSON.parse(described.output!)).toEqual([2, 4, 6, 8, 10].map((doubled) => ({doubled})))
    const events = (await sfn.send(new GetExecutionHistoryCommand({executionArn: arn}))).events!
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ])
    const mapRunArn = events[3]!.mapRunStartedEventDetails!.mapRunArn!
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:dm\/fan:[0-9a-f-]{36}$/)
    const run = await sfn.send(new DescribeMapRunCommand({mapRunArn}))
    expect(run).toMatchObject({status: 'SUCCEEDED', executionArn: arn, maxConcurrency: 3, itemCounts: {total: 5, succeeded: 5, failed: 0, pending: 0, running: 0}})
    const listed = await sfn.send(new ListMapRunsCommand({executionArn: arn}))
    expect(listed.mapRuns).toEqual([expect.objectContaining({mapRunArn, stateMachineArn: expect.stringMatching(/:stateMachine:dm\/fan$/)})])
  })

  it('fails on the first failed item when no failure is tolerated', async () => {
    const {sfn, start, finish} = await setup({taskHandlers: {[WORK]: failOdd}})
    const arn = await start(distributed({MaxConcurrency: 1}), {items: [2, 3, 4]})
    const described = await finish(arn)
    expect(described).toMatchObject({status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold'})
    const types = (await sfn.send(new GetExecutionHistoryCommand({executionArn: arn}))).events!.map((e) => e.type)
    expect(types).toContain('MapRunFailed')
    const {mapRuns} = await sfn.send(new ListMapRunsCommand({executionArn: arn}))
    const run = await sfn.send(new DescribeMapRunCommand({mapRunArn: mapRuns![0]!.mapRunArn}))
    // Item 4 never started: MaxConcurrency 1 and the run stopped at item 3.
    expect(run).toMatchObject({status: 'FAILED', itemCounts: {failed: 1, succeeded: 1, pending: 1}})
  })

  it('tolerates failures up to ToleratedFailureCount', async () => {
    const {start, finish} = await setup({taskHandlers: {[WORK]: failOdd}})
    const ok = await finish(await start(distributed({ToleratedFailureCount: 2}), {items: [1, 2, 3, 4]}))
    expect(ok.status).toBe('SUCCEEDED')
    const output = JSON.parse(ok.output!)
    expect(output[1]).toEqual({doubled: 4})
    expect(output[0]).toMatchObject({Error: 'Item.Odd'})
  })

  it('fails past ToleratedFailurePercentage', async () => {
    const {start, finish} = await setup({taskHandlers: {[WORK]: failOdd}})
    const described = await finish(await start(distributed({ToleratedFailurePercentage: 25}), {items: [1, 2, 3, 4]}))
    expect(described).toMatchObject({status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold'})
  })

  it('does not record anything after a stop, even when a task answers later', async () => {
    const {sfn, emulator, finish} = await setup({
      taskHandlers: {[WORK]: (_input, ctx) => new Promise((resolve) => ctx.emulator.clock.setTimeout(() => resolve('late'), 10_000))},
    })
    const {stateMachineArn} = await sfn.send(
      new CreateStateMachineCommand({
        name: 'slow',
        definition: JSON.stringify({StartAt: 'T', States: {T: {Type: 'Task', Resource: WORK, Next: 'After'}, After: {Type: 'Pass', End: true}}}),
        roleArn: ROLE,
      }),
    )
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    emulator.clock.advance(1_000)
    await sfn.send(new StopExecutionCommand({executionArn}))
    emulator.clock.advance(20_000)
    await new Promise((resolve) => setImmediate(resolve))
    expect((await finish(executionArn!)).status).toBe('ABORTED')
    const types = (await sfn.send(new GetExecutionHistoryCommand({executionArn}))).events!.map((e) => e.type)
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionAborted'])
  })
})
