import {describe, expect, it} from 'vitest'

import {smallEc2Project, withAppliedProject} from '../helpers/project.js'

describe('batchctl submit after batchctl apply', () => {
  it('submits and follows a batch.yaml job by its key, in the --env environment', async () => {
    const {emulator, cli} = await withAppliedProject({
      yaml: smallEc2Project({project: 'demo', environments: {dev: '{computeEnvironments: {ce: {maxvCpus: 8}}}'}}),
      emulator: {clock: {speed: 50}, services: {batch: {transitionMs: 0}}},
      applyArgs: ['--env', 'dev'],
      prefix: 'batchctl-submit-applied-',
    })
    const result = await cli(['submit', 'align', '--follow', '--array-size', '3', '--env', 'dev'], {timeoutMs: 120_000})
    expect(result.code, result.stderr).toBe(0)
    const [input] = emulator.calls.find('batch', 'SubmitJob').map((c) => c.input as {jobQueue: string; jobDefinition: string})
    expect(input?.jobQueue).toBe('demo-dev-default')
    expect(input?.jobDefinition).toMatch(/job-definition\/demo-dev-align:\d+$/)
    const lines = result.stdout.split('\n').filter((line) => / aligned$/.test(line))
    expect(lines.sort()).toEqual(['[0] echo aligned', '[1] echo aligned', '[2] echo aligned'])
  }, 180_000)

  it('piped, --follow keeps stdout to the job id and log lines and reports progress and a failed child on stderr; exit 1', async () => {
    const {cli} = await withAppliedProject({
      yaml: smallEc2Project({project: 'demo'}),
      emulator: {clock: {speed: 50}, services: {batch: {transitionMs: 0}}},
      prefix: 'batchctl-submit-piped-',
    })
    const result = await cli(['submit', 'align', '--follow', '--array-size', '3', '--set-env', 'BATCHCTL_SIM_FAIL_INDEXES=1'], {timeoutMs: 120_000})
    expect(result.code, result.stderr).toBe(1)
    const [jobId, ...logLines] = result.stdout.trimEnd().split('\n')
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/)
    // No live view when piped: no cursor movement or colour, every log line once with its prefix.
    expect(result.stdout + result.stderr).not.toContain('\u001B[')
    expect([...logLines].sort()).toEqual(
      [0, 1, 2].flatMap((i) => [`[${i}] Starting simulated container (batchctl emulator)`, `[${i}] echo aligned`, `[${i}] Exiting with ${i === 1 ? 1 : 0}`]).sort(),
    )
    const stderr = result.stderr.split('\n')
    expect(stderr[0]).toBe(`submitted align (array of 3) to demo-default as ${jobId}`)
    expect(stderr).toContain('[####################] 3/3 · FAILED 1 · SUCCEEDED 2')
    expect(stderr).toContain('✗ [1] failed (exit 1): Essential container in task exited')
    expect(stderr.filter((line) => line !== '').at(-1)).toBe(`job align (${jobId}) FAILED`)
  }, 180_000)
})
