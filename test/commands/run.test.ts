import {ListExecutionsCommand} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {RunEvent} from '../../src/runs/run-events.js'
import {fargateProject, projectAt} from '../helpers/project.js'
import {pipelineDefinition, runFixture} from '../runs/run-fixture.js'

const BATCH_YAML = fargateProject(
  'demo',
  `workflows:
  pipeline:
    steps: [{name: work, job: work}]
  strict:
    steps: [{name: work, job: work}]
`,
)

/**
 * The built CLI against an emulator over HTTP. The state machines `demo-pipeline` and
 * `demo-strict` are created with the SDK from the fixture's definitions (Map fan-out, array job,
 * a failing step whose Catch goes on, or to a Fail state), as `apply` would name them.
 */
async function setup() {
  const f = await runFixture()
  await f.createMachine('demo-pipeline', pipelineDefinition('Cleanup'))
  await f.createMachine('demo-strict', pipelineDefinition('GiveUp'))
  const {cli} = projectAt(BATCH_YAML, f.emulator.url, {prefix: 'batchctl-run-cli-', append: ['--poll-ms', '20']})
  return {...f, run: (...args: string[]) => cli(['run', ...args])}
}

const ndjson = (stdout: string): RunEvent[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as RunEvent)

describe('batchctl run', () => {
  it('--wait exits 0 when the caught failure leads on to success, and prints the outcome', async () => {
    const {run} = await setup()
    const result = await run('pipeline', '--wait', '--input', '{"samples":["s1","s2"]}')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^pipeline: started execution pipeline-\d{8}T\d{6}Z-[0-9a-f]{6} \(arn:aws:states:us-east-1:123456789012:execution:demo-pipeline:/)
    expect(lines[1]).toMatch(/^execution SUCCEEDED after \d+s$/)
    expect(lines).toHaveLength(2)
  })

  it('--follow --json streams each step transition once and exits 1 with the Fail state error', async () => {
    const {run} = await setup()
    const result = await run('strict', '--follow', '--json', '--input', '{"samples":["s1"]}')
    expect(result.code).toBe(1)
    const events = ndjson(result.stdout)
    expect(events[0]).toMatchObject({type: 'started', workflow: 'strict', reused: false})
    const steps = events.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`)
    expect(steps).toEqual([
      'Prepare:running',
      'Prepare:succeeded',
      'Fanout:running',
      'Fanout:succeeded',
      'Array:running',
      'Array:succeeded',
      'Flaky:running',
      'Flaky:failed',
      'GiveUp:running',
      'GiveUp:failed',
    ])
    expect(events.at(-1)).toMatchObject({type: 'finished', status: 'FAILED', error: 'Pipeline.Failed', cause: 'flaky step failed'})
  })

  it('plain --follow prints one line per step transition and the array job progress', async () => {
    const {run} = await setup()
    const result = await run('pipeline', '--follow', '--input', '{"samples":["s1"]}')
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toContain('steps: Prepare, Fanout, Array, Flaky, Done, Cleanup')
    for (const step of ['Prepare', 'Fanout', 'Array', 'Cleanup', 'Done']) {
      expect(lines.filter((l) => l === `${step}: running`)).toHaveLength(1)
      expect(lines.filter((l) => l === `${step}: succeeded`)).toHaveLength(1)
    }
    expect(lines.filter((l) => l.startsWith('Flaky: failed (caught): States.TaskFailed: '))).toHaveLength(1)
    expect(lines.some((l) => /^Array: job \S+ SUCCEEDED 3\/3 done$/.test(l))).toBe(true)
    expect(lines.at(-1)).toMatch(/^execution SUCCEEDED/)
  })

  it('a repeated start with the same --name and input is the same execution', async () => {
    const {run, sfn} = await setup()
    const first = await run('pipeline', '--name', 'fixed-1', '--input', '{"samples":[]}', '--json')
    const second = await run('pipeline', '--name', 'fixed-1', '--input', '{"samples":[]}', '--json')
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    const a = JSON.parse(first.stdout) as {executionArn: string}
    const b = JSON.parse(second.stdout) as {executionArn: string}
    expect(b.executionArn).toBe(a.executionArn)
    const {executions} = await sfn.send(new ListExecutionsCommand({stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:demo-pipeline'}))
    expect(executions?.map((e) => e.name)).toEqual(['fixed-1'])

    const listed = await run('--list', '--json')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toMatchObject({executions: [{workflow: 'pipeline', name: 'fixed-1'}]})
  })

  it('refuses an unknown workflow with a suggestion, and bad --input before any AWS call', async () => {
    const {run, emulator} = await setup()
    const unknown = await run('pipelin')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No workflow "pipelin"')
    expect(unknown.stderr).toContain('did you mean "pipeline"?')
    const calls = emulator.calls.all().length
    const bad = await run('pipeline', '--input', '{oops')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--input is not valid JSON')
    expect(emulator.calls.all().length).toBe(calls)
  })
})
