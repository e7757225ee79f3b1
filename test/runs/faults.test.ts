import {ListExecutionsCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {followRun} from '../../src/runs/follow-run.js'
import type {RunEvent} from '../../src/runs/run-events.js'
import {executionName, startRun, stateMachineRef} from '../../src/runs/start-run.js'
import {pipelineDefinition, runFixture} from './run-fixture.js'

describe('run under faults', () => {
  it('a StartExecution whose answer is lost is retried under the same name: one execution', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', pipelineDefinition('Cleanup'))
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    // The emulator carries out the first StartExecution, then resets the connection.
    f.emulator.faults.configure({rules: [{service: 'states', operation: 'StartExecution', dropResponseRate: 1, times: 1}]})
    const started = await startRun(f.api, machine, {name: executionName('pipeline'), input: '{"samples":["s1"]}'})
    const starts = f.emulator.calls.find('states', 'StartExecution')
    expect(starts).toHaveLength(2)
    // The SDK's retry got Step Functions' idempotent answer (same name and input, still running).
    expect(starts[1]!.error).toBeUndefined()
    expect(started.reused).toBe(false)
    const {executions} = await f.sfn.send(new ListExecutionsCommand({stateMachineArn: machine.arn}))
    expect(executions?.map((e) => e.executionArn)).toEqual([started.executionArn])
  })

  it('throttled history and DescribeJobs polls still report each step transition exactly once', async () => {
    const f = await runFixture()
    await f.createMachine('demo-pipeline', pipelineDefinition('Cleanup'))
    const machine = await stateMachineRef(f.api, 'pipeline', 'demo-pipeline', 'us-east-1')
    const started = await startRun(f.api, machine, {name: 'throttled', input: '{"samples":["s1","s2"]}'})
    f.emulator.faults.configure({
      seed: 7,
      rules: [
        {service: 'states', operation: 'GetExecutionHistory', throttleRate: 0.4},
        {service: 'batch', operation: 'DescribeJobs', throttleRate: 0.4},
      ],
    })
    const events: RunEvent[] = []
    const outcome = await followRun(f.api, started.executionArn, {emit: (e) => events.push(e), pollMs: 20})
    expect(outcome.status).toBe('SUCCEEDED')
    expect(f.emulator.calls.find('states', 'GetExecutionHistory').some((c) => c.error === 'ThrottlingException')).toBe(true)
    const transitions = events.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`)
    expect(transitions).toEqual([
      'Prepare:running',
      'Prepare:succeeded',
      'Fanout:running',
      'Fanout:succeeded',
      'Array:running',
      'Array:succeeded',
      'Flaky:running',
      'Flaky:failed',
      'Cleanup:running',
      'Cleanup:succeeded',
      'Done:running',
      'Done:succeeded',
    ])
    expect(f.handedOut.map((e) => e.id)).toEqual(f.handedOut.map((_, i) => i + 1))
  })
})
