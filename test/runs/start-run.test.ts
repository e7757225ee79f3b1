import {ListExecutionsCommand} from '@aws-sdk/client-sfn'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {followRun} from '../../src/runs/follow-run.js'
import {listRuns} from '../../src/runs/list-runs.js'
import {checkExecutionName, executionName, readRunInput, startRun, stateMachineRef} from '../../src/runs/start-run.js'
import {batchTask, runFixture} from './run-fixture.js'

const slow = {StartAt: 'Work', States: {Work: batchTask('work', {End: true})}}

describe('startRun', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html —
  // "StartExecution is idempotent for STANDARD workflows ... same name and input as a running
  // execution ... returns the same response"; a closed one, or other input, is ExecutionAlreadyExists.
  it('a retried start with the same name and input starts no second execution, running or closed', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', slow)
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    const request = {name: executionName('pipeline'), input: '{"run":"r1"}'}
    const first = await startRun(f.api, machine, request)
    const again = await startRun(f.api, machine, request)
    expect(again.executionArn).toBe(first.executionArn)
    expect(first.executionArn).toBe(`arn:aws:states:us-east-1:123456789012:execution:demo-pipeline:${request.name}`)

    await followRun(f.api, first.executionArn, {emit: () => {}, pollMs: 20})
    // Closed now: AWS refuses the name, and batchctl recognises its own earlier start.
    const afterClose = await startRun(f.api, machine, {...request, input: '{ "run": "r1" }'})
    expect(afterClose).toMatchObject({executionArn: first.executionArn, reused: true})

    const {executions} = await f.sfn.send(new ListExecutionsCommand({stateMachineArn: machine.arn}))
    expect(executions).toHaveLength(1)
    expect(f.emulator.calls.find('states', 'StartExecution').filter((c) => c.error === undefined)).toHaveLength(2)
  })

  it('refuses a name already used with another input, and a workflow that is not deployed', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', slow)
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    await startRun(f.api, machine, {name: 'fixed', input: '{"run":"a"}'})
    await expect(startRun(f.api, machine, {name: 'fixed', input: '{"run":"b"}'})).rejects.toMatchObject({code: 'execution-exists'})

    const missing = await stateMachineRef(f.api, 'other', 'demo-other', 'us-east-1')
    const error = await startRun(f.api, missing, {name: 'x', input: '{}'}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    expect(error).toMatchObject({code: 'workflow-not-deployed'})
  })

  it('lists recent executions newest first with status and duration; a machine not yet created has none', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', slow)
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    const a = await startRun(f.api, machine, {name: 'a', input: '{}'})
    await followRun(f.api, a.executionArn, {emit: () => {}, pollMs: 20})
    await startRun(f.api, machine, {name: 'b', input: '{}'})
    const missing = await stateMachineRef(f.api, 'other', 'demo-other', 'us-east-1')
    const listed = await listRuns(f.api, [machine, missing], {limit: 10})
    expect(listed.map((l) => [l.workflow, l.name, l.status])).toEqual([
      ['pipeline', 'b', 'RUNNING'],
      ['pipeline', 'a', 'SUCCEEDED'],
    ])
    expect(listed[1]!.stopDate).toBeGreaterThanOrEqual(listed[1]!.startDate)
    expect(listed[1]!.durationMs).toBe(listed[1]!.stopDate! - listed[1]!.startDate)
  })

  it('reads history across pages, only the new events each poll', async () => {
    const f = await runFixture({historyPageSize: 2})
    await f.createMachine('demo-pipeline', slow)
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    const run = await startRun(f.api, machine, {name: 'paged', input: '{}'})
    await followRun(f.api, run.executionArn, {emit: () => {}, pollMs: 20})
    // Following the closed execution again: its whole history arrives in one poll, two per page.
    f.handedOut.length = 0
    const before = f.emulator.calls.find('states', 'GetExecutionHistory').length
    const outcome = await followRun(f.api, run.executionArn, {emit: () => {}, pollMs: 20})
    expect(outcome.status).toBe('SUCCEEDED')
    const ids = f.handedOut.map((e) => e.id)
    expect(ids).toEqual(Array.from({length: ids.length}, (_, i) => i + 1))
    expect(f.handedOut.at(-1)?.type).toBe('ExecutionSucceeded')
    const calls = f.emulator.calls.find('states', 'GetExecutionHistory').slice(before)
    expect(calls).toHaveLength(Math.ceil(ids.length / 2))
    expect(calls.slice(1).every((c) => (c.input as {nextToken?: string}).nextToken !== undefined)).toBe(true)
  })
})

describe('stateMachineRef', () => {
  it('finds the machine with ListStateMachines when GetCallerIdentity fails', async () => {
    const f = await runFixture()
    const arn = await f.createMachine('demo-pipeline', slow)
    await f.createMachine('demo-other', slow)
    const noSts = {...f.api, callerIdentity: () => Promise.reject(new Error('sts unavailable'))}
    expect(await stateMachineRef(noSts, 'pipeline', 'demo-pipeline', 'us-east-1')).toEqual({workflow: 'pipeline', name: 'demo-pipeline', arn})
    await expect(stateMachineRef(noSts, 'gone', 'demo-gone', 'us-east-1')).rejects.toThrow('sts unavailable')
    expect(f.emulator.calls.find('states', 'ListStateMachines').length).toBe(2)
  })
})

describe('executionName', () => {
  it('is the workflow, the UTC time and a random part, within the 80-character limit', () => {
    expect(executionName('pipeline', new Date('2026-11-23T12:05:09.123Z'), 'a1b2c3')).toBe('pipeline-20261123T120509Z-a1b2c3')
    const long = executionName('w'.repeat(100), new Date('2026-11-23T12:05:09Z'), 'a1b2c3')
    expect(long).toHaveLength(80)
    expect(long.endsWith('-20261123T120509Z-a1b2c3')).toBe(true)
    expect(executionName('a.b c')).toMatch(/^a-b-c-\d{8}T\d{6}Z-[0-9a-f]{6}$/)
  })
})

describe('checkExecutionName', () => {
  it('accepts what Step Functions accepts and refuses the rest before any call', () => {
    expect(checkExecutionName('nightly-2026_11_23')).toBe('nightly-2026_11_23')
    for (const bad of ['', 'a b', 'a/b', 'a:b', 'x'.repeat(81), 'tab\there', 'a*']) expect(() => checkExecutionName(bad)).toThrow(UserError)
  })
})

describe('readRunInput', () => {
  it('takes JSON text or @file and refuses what is not JSON', () => {
    expect(readRunInput(undefined)).toBe('{}')
    expect(readRunInput('{ "a": 1 }')).toBe('{"a":1}')
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-run-'))
    writeFileSync(join(dir, 'in.json'), '{"samples": ["s1"]}\n')
    expect(readRunInput(`@${join(dir, 'in.json')}`)).toBe('{"samples":["s1"]}')
    expect(() => readRunInput('{nope')).toThrow(UserError)
    expect(() => readRunInput(`@${join(dir, 'missing.json')}`)).toThrow(/Cannot read the input file/)
  })
})
