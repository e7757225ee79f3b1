import {GetExecutionHistoryCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {followRun} from '../../src/runs/follow-run.js'
import type {RunEvent} from '../../src/runs/run-events.js'
import {startRun, stateMachineRef} from '../../src/runs/start-run.js'
import {pipelineDefinition, runFixture} from './run-fixture.js'

type StepEvent = Extract<RunEvent, {type: 'step'}>

function transitions(events: RunEvent[]): Record<string, string[]> {
  const byStep: Record<string, string[]> = {}
  for (const e of events) if (e.type === 'step') (byStep[e.step] ??= []).push(e.status)
  return byStep
}

describe('followRun against the emulator', () => {
  it('reports each step once, the Batch jobs behind them, Map and array progress, and a caught failure', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', pipelineDefinition('Cleanup'))
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    expect(machine.arn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:demo-pipeline')
    const started = await startRun(f.api, machine, {name: 'run-1', input: JSON.stringify({samples: ['s1', 's2']})})
    const events: RunEvent[] = []
    const outcome = await followRun(f.api, started.executionArn, {emit: (e) => events.push(e), pollMs: 20})

    expect(outcome.status).toBe('SUCCEEDED')
    expect(events[0]).toEqual({type: 'steps', steps: ['Prepare', 'Fanout', 'Array', 'Flaky', 'Done', 'Cleanup']})
    expect(events.at(-1)).toMatchObject({type: 'finished', status: 'SUCCEEDED', executionArn: started.executionArn})
    // Align runs inside the Map: it is part of the Fanout step, not a step of its own.
    expect(transitions(events)).toEqual({
      Prepare: ['running', 'succeeded'],
      Fanout: ['running', 'succeeded'],
      Array: ['running', 'succeeded'],
      Flaky: ['running', 'failed'],
      Cleanup: ['running', 'succeeded'],
      Done: ['running', 'succeeded'],
    })
    const flaky = events.find((e): e is StepEvent => e.type === 'step' && e.step === 'Flaky' && e.status === 'failed')!
    expect(flaky).toMatchObject({error: 'States.TaskFailed', caught: true})
    expect(JSON.parse(flaky.cause!)).toMatchObject({JobName: 'flaky', Status: 'FAILED'})

    const jobs = events.filter((e) => e.type === 'job')
    expect(jobs.map((j) => [j.step, j.jobName])).toEqual([
      ['Prepare', 'prepare'],
      ['Fanout', 'align'],
      ['Fanout', 'align'],
      ['Array', 'array'],
      ['Flaky', 'flaky'],
      ['Cleanup', 'cleanup'],
    ])
    const maps = events.filter((e) => e.type === 'map-progress')
    expect(maps[0]).toEqual({type: 'map-progress', step: 'Fanout', length: 2, succeeded: 0, failed: 0})
    expect(maps.at(-1)).toEqual({type: 'map-progress', step: 'Fanout', length: 2, succeeded: 2, failed: 0})
    // The array parent's last progress shows all three children done.
    const arrayJob = jobs.find((j) => j.step === 'Array')!
    const arrayProgress = events.filter((e) => e.type === 'job-progress' && e.jobId === arrayJob.jobId)
    expect(arrayProgress.at(-1)).toMatchObject({status: 'SUCCEEDED', arraySize: 3, statusSummary: {SUCCEEDED: 3}})
    // Every job reached a final state and is reported once per change, never repeated.
    const keys = events.filter((e) => e.type === 'job-progress').map((e) => JSON.stringify(e))
    expect(new Set(keys).size).toBe(keys.length)

    const historyCalls = [...f.emulator.calls.find('states', 'GetExecutionHistory')]
    // Polling handed out each history event exactly once, in order, none skipped.
    const {events: all} = await f.sfn.send(new GetExecutionHistoryCommand({executionArn: started.executionArn, maxResults: 1000}))
    expect(f.handedOut.map((e) => e.id)).toEqual(all!.map((e) => e.id))
    // Later polls asked for the newest events first and stopped at the ones already seen.
    expect(historyCalls.length).toBeGreaterThan(1)
    for (const call of historyCalls) expect(call.input).toMatchObject({reverseOrder: true})
  })

  it('ends FAILED with the Fail state error when the Catch leads there', async () => {
    const f = await runFixture()
    await f.createMachine('demo-strict', pipelineDefinition('GiveUp'))
    const machine = await stateMachineRef(f.api, 'strict', 'demo-strict', 'us-east-1')
    const started = await startRun(f.api, machine, {name: 'run-2', input: JSON.stringify({samples: ['s1']})})
    const events: RunEvent[] = []
    const outcome = await followRun(f.api, started.executionArn, {emit: (e) => events.push(e), pollMs: 20})
    expect(outcome).toMatchObject({status: 'FAILED', error: 'Pipeline.Failed', cause: 'flaky step failed'})
    expect(events.at(-1)).toMatchObject({type: 'finished', status: 'FAILED', error: 'Pipeline.Failed'})
    expect(transitions(events)).toEqual({
      Prepare: ['running', 'succeeded'],
      Fanout: ['running', 'succeeded'],
      Array: ['running', 'succeeded'],
      Flaky: ['running', 'failed'],
      // The Fail state is entered and the execution fails in it.
      GiveUp: ['running', 'failed'],
    })
  })

  it('marks the running step failed when an uncaught failure ends the execution', async () => {
    const f = await runFixture()
    await f.createMachine('demo-bare', {
      StartAt: 'Only',
      States: {Only: {Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: {JobName: 'only', JobQueue: 'q', JobDefinition: 'def', Parameters: {BATCHCTL_SIM_EXIT_CODE: '1'}}, End: true}},
    })
    const machine = await stateMachineRef(f.api, 'bare', 'demo-bare', 'us-east-1')
    const started = await startRun(f.api, machine, {name: 'run-3', input: '{}'})
    const events: RunEvent[] = []
    const outcome = await followRun(f.api, started.executionArn, {emit: (e) => events.push(e), pollMs: 20})
    expect(outcome.status).toBe('FAILED')
    expect(transitions(events)).toEqual({Only: ['running', 'failed']})
    const failed = events.find((e): e is StepEvent => e.type === 'step' && e.status === 'failed')!
    expect(failed.error).toBe('States.TaskFailed')
    expect(failed.caught).toBeUndefined()
  })
})
