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
})
