import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineTypeNotSupported,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidationException,
} from '@aws-sdk/client-sfn'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'
const WAIT = (seconds: number) => JSON.stringify({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: seconds, Next: 'P'}, P: {Type: 'Pass', End: true}}})
const tick = () => new Promise((resolve) => setImmediate(resolve))
const failure = (promise: Promise<unknown>): Promise<any> => promise.then(() => expect.fail('expected the call to fail'), (e: unknown) => e)

async function setup(stateFile?: string) {
  const {emulator, config} = await startEmulator({clock: {speed: 0, start: Date.parse('2026-03-01T00:00:00Z')}, ...(stateFile ? {stateFile} : {})})
  const sfn = new SFNClient({...config, maxAttempts: 1})
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += 500) {
      emulator.clock.advance(Math.min(500, ms - done))
      await tick()
    }
  }
  return {emulator, sfn, advance}
}

describe('Step Functions executions', () => {
  it('stops a running execution: ABORTED with error and cause, ExecutionAborted last in history', async () => {
    const {sfn, advance} = await setup()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'long', definition: WAIT(3600), roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'e1', input: '{"x":1}'}))
    await advance(1000)
    const running = await sfn.send(new DescribeExecutionCommand({executionArn}))
    expect(running).toMatchObject({status: 'RUNNING', input: '{"x":1}', name: 'e1', stateMachineArn})
    expect(running.stopDate).toBeUndefined()
    const stopped = await sfn.send(new StopExecutionCommand({executionArn, error: 'Operator', cause: 'cancelled by hand'}))
    expect(stopped.stopDate).toBeInstanceOf(Date)
    await advance(3_700_000)
    const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
    expect(described).toMatchObject({status: 'ABORTED', error: 'Operator', cause: 'cancelled by hand'})
    expect(described.output).toBeUndefined()
    expect(described.redriveStatus).toBe('REDRIVABLE')
    const events = (await sfn.send(new GetExecutionHistoryCommand({executionArn}))).events!
    // The Wait never finished: nothing after the abort.
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted'])
    // A closed execution's name cannot be reused, whatever the input.
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn, name: 'e1', input: '{"x":1}'})))).toBeInstanceOf(ExecutionAlreadyExists)
  })

  it('times an execution out after the definition TimeoutSeconds', async () => {
    const {sfn, advance} = await setup()
    const definition = JSON.stringify({TimeoutSeconds: 30, StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 60, End: true}}})
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'to', definition, roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    await advance(29_000)
    expect((await sfn.send(new DescribeExecutionCommand({executionArn}))).status).toBe('RUNNING')
    await advance(2_000)
    const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
    expect(described).toMatchObject({status: 'TIMED_OUT', error: 'States.Timeout'})
    const last = (await sfn.send(new GetExecutionHistoryCommand({executionArn, reverseOrder: true, maxResults: 1}))).events![0]
    expect(last?.type).toBe('ExecutionTimedOut')
  })

  it('lists executions newest first, filtered by status, in pages', async () => {
    const {sfn, advance} = await setup()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'many', definition: WAIT(10), roleArn: ROLE}))
    for (let i = 0; i < 3; i++) {
      await sfn.send(new StartExecutionCommand({stateMachineArn, name: `done-${i}`}))
      await advance(1000)
    }
    await advance(20_000)
    await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'running'}))
    const all = await sfn.send(new ListExecutionsCommand({stateMachineArn}))
    expect(all.executions?.map((e) => e.name)).toEqual(['running', 'done-2', 'done-1', 'done-0'])
    const succeeded = await sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'SUCCEEDED', maxResults: 2}))
    expect(succeeded.executions?.map((e) => [e.name, e.status])).toEqual([
      ['done-2', 'SUCCEEDED'],
      ['done-1', 'SUCCEEDED'],
    ])
    expect(succeeded.executions?.[0]?.stopDate).toBeInstanceOf(Date)
    const rest = await sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'SUCCEEDED', maxResults: 2, nextToken: succeeded.nextToken}))
    expect(rest.executions?.map((e) => e.name)).toEqual(['done-0'])
    expect(rest.nextToken).toBeUndefined()
    const running = await sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'RUNNING'}))
    expect(running.executions?.map((e) => e.name)).toEqual(['running'])
    expect(await failure(sfn.send(new ListExecutionsCommand({stateMachineArn, nextToken: 'x'})))).toBeInstanceOf(InvalidToken)
    expect(await failure(sfn.send(new ListExecutionsCommand({stateMachineArn, statusFilter: 'DONE' as never})))).toBeInstanceOf(ValidationException)
  })

  it('refuses ListExecutions on an EXPRESS state machine', async () => {
    const {sfn} = await setup()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'x', definition: WAIT(1), roleArn: ROLE, type: 'EXPRESS'}))
    expect(await failure(sfn.send(new ListExecutionsCommand({stateMachineArn})))).toBeInstanceOf(StateMachineTypeNotSupported)
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'same'}))
    const second = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'same'}))
    expect(executionArn).toMatch(/:express:x:same:[0-9a-f-]{36}$/)
    expect(second.executionArn).not.toBe(executionArn)
  })

  it('pages history forwards and backwards and can leave execution data out', async () => {
    const {sfn, advance} = await setup()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'h', definition: WAIT(1), roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input: '{"secret":"no"}'}))
    await advance(2_000)
    const full = (await sfn.send(new GetExecutionHistoryCommand({executionArn}))).events!
    expect(full.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ])
    expect(full[0]?.executionStartedEventDetails).toMatchObject({input: '{"secret":"no"}', roleArn: ROLE})
    expect(full[0]?.timestamp).toEqual(new Date('2026-03-01T00:00:00Z'))
    const page1 = await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 4, reverseOrder: true}))
    const page2 = await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 4, reverseOrder: true, nextToken: page1.nextToken}))
    expect([...page1.events!, ...page2.events!].map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1])
    expect(page2.nextToken).toBeUndefined()
    const bare = (await sfn.send(new GetExecutionHistoryCommand({executionArn, includeExecutionData: false}))).events!
    expect(bare[0]?.executionStartedEventDetails?.input).toBeUndefined()
    expect(bare[0]?.executionStartedEventDetails?.roleArn).toBe(ROLE)
    const missing = executionArn!.replace(/[^:]+$/, 'nope')
    expect(await failure(sfn.send(new DescribeExecutionCommand({executionArn: missing})))).toBeInstanceOf(ExecutionDoesNotExist)
  })

  it('keeps the definition an execution started with, after the machine is updated', async () => {
    const {sfn} = await setup()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'u', definition: WAIT(100), roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    await sfn.send(new UpdateStateMachineCommand({stateMachineArn, definition: WAIT(5)}))
    const forExecution = await sfn.send(new DescribeStateMachineForExecutionCommand({executionArn}))
    expect(forExecution.definition).toBe(WAIT(100))
  })

  it('saves state machines and executions to the state file and loads them again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batchctl-sfn-')), 'state.json')
    const first = await setup(file)
    const {stateMachineArn} = await first.sfn.send(new CreateStateMachineCommand({name: 'kept', definition: WAIT(1), roleArn: ROLE}))
    const done = await first.sfn.send(new StartExecutionCommand({stateMachineArn, name: 'done'}))
    await first.advance(2_000)
    const open = await first.sfn.send(new StartExecutionCommand({stateMachineArn, name: 'open'}))
    await first.emulator.stop()
    const second = await setup(file)
    expect((await second.sfn.send(new DescribeExecutionCommand({executionArn: done.executionArn}))).status).toBe('SUCCEEDED')
    expect((await second.sfn.send(new DescribeExecutionCommand({executionArn: open.executionArn}))).status).toBe('ABORTED')
    const listed = await second.sfn.send(new ListExecutionsCommand({stateMachineArn}))
    expect(listed.executions?.map((e) => e.name)).toEqual(['open', 'done'])
  })
})
