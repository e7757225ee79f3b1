import {ListExecutionsCommand, SFNClient} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {RunEvent} from '../../src/runs/run-events.js'
import {fargateProject, withAppliedProject} from '../helpers/project.js'

// Workflows from batch.yaml steps, deployed by `batchctl apply` (the desired model and the
// adapters), then run: a fan-out array step, and a failing step (exit code 2 through the
// emulator's BATCHCTL_SIM_EXIT_CODE job parameter) whose catch goes on or fails the run.
const BATCH_YAML = fargateProject(
  'shop',
  `workflows:
  lenient:
    steps:
      - {name: prepare, job: work}
      - {name: fan, job: work, arraySize: 3, after: [prepare]}
      - {name: flaky, job: work, after: [fan], parameters: {BATCHCTL_SIM_EXIT_CODE: "2"}, catch: {next: cleanup}}
      - {name: cleanup, job: work}
  strict:
    steps:
      - {name: prepare, job: work}
      - {name: flaky, job: work, after: [prepare], parameters: {BATCHCTL_SIM_EXIT_CODE: "2"}, catch: {fail: Pipeline.Failed}}
`,
)

async function deployed() {
  const {emulator, config, cli} = await withAppliedProject({
    yaml: BATCH_YAML,
    emulator: {clock: {speed: 100}, services: {states: {syncPollMs: 500}, batch: {transitionMs: 100, jobTransitionMs: 200, jobDurationMs: 1000}}},
    prefix: 'batchctl-run-apply-',
  })
  return {emulator, config, run: (...args: string[]) => cli(['run', ...args, '--poll-ms', '20'])}
}

const ndjson = (stdout: string): RunEvent[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as RunEvent)

describe('batchctl run on workflows deployed by apply', () => {
  it('follows every step once to SUCCEEDED when the catch goes on, with the array job done 3/3', async () => {
    const {run} = await deployed()
    const result = await run('lenient', '--follow', '--json')
    expect(result.code).toBe(0)
    const events = ndjson(result.stdout)
    const transitions = events.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`)
    expect(transitions).toEqual([
      'prepare:running',
      'prepare:succeeded',
      'fan:running',
      'fan:succeeded',
      'flaky:running',
      'flaky:failed',
      'cleanup:running',
      'cleanup:succeeded',
    ])
    expect(events.find((e) => e.type === 'step' && e.step === 'flaky' && e.status === 'failed')).toMatchObject({error: 'States.TaskFailed', caught: true})
    const fanJob = events.find((e) => e.type === 'job' && e.step === 'fan')!
    expect(fanJob).toMatchObject({jobName: 'shop-lenient-fan'})
    const fanProgress = events.filter((e) => e.type === 'job-progress' && e.step === 'fan')
    expect(fanProgress.at(-1)).toMatchObject({status: 'SUCCEEDED', arraySize: 3, statusSummary: {SUCCEEDED: 3}})
    expect(events.at(-1)).toMatchObject({type: 'finished', status: 'SUCCEEDED'})
  })

  it('--wait exits 1 with the catch\'s error when it fails the run', async () => {
    const {run} = await deployed()
    const result = await run('strict', '--wait')
    expect(result.code).toBe(1)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^execution FAILED after \d+s: Pipeline\.Failed: job \S+ FAILED: Essential container in task exited \(exit code 2\)$/)
  })

  it('a start retried with the same --name after the run ended is recognised, not started again', async () => {
    const {run, config} = await deployed()
    const first = await run('strict', '--name', 'retry-1', '--wait', '--json')
    expect(first.code).toBe(1)
    const again = await run('strict', '--name', 'retry-1', '--wait', '--json')
    expect(again.code).toBe(1)
    const [started] = ndjson(again.stdout)
    expect(started).toMatchObject({type: 'started', name: 'retry-1', reused: true})
    const sfn = new SFNClient(config)
    const {executions} = await sfn.send(new ListExecutionsCommand({stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:shop-strict'}))
    expect(executions?.map((e) => e.name)).toEqual(['retry-1'])
    sfn.destroy()
  })
})
