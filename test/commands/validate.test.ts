import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'

// Runs the built CLI (`npm run build` first, as `npm test` does).
const valid = [
  'project: genomics',
  'computeEnvironments:',
  '  spot:',
  '    type: SPOT',
  '    maxvCpus: 16',
  '    subnets: [subnet-0abc1234]',
  '    securityGroups: [sg-0abc1234]',
  'jobQueues:',
  '  default: {priority: 1, computeEnvironments: [spot]}',
  'environments:',
  '  prod:',
  '    computeEnvironments:',
  '      spot: {maxvCpus: 256}',
  '',
].join('\n')

function project(content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-validate-cli-'))
  writeFileSync(join(dir, 'batch.yaml'), content)
  return dir
}

let validDir: string
let invalidDir: string
beforeAll(() => {
  validDir = project(valid)
  invalidDir = project(valid.replace('    maxvCpus: 16', '    maxvCpu: 16').replace('priority: 1', 'priority: high'))
})

describe('batchctl validate', () => {
  it('exits 0 and summarises a valid file', async () => {
    const result = await runCli(['validate'], {cwd: validDir})
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('batch.yaml is valid: 1 compute environment, 1 queue (environments checked: prod)\n')
    expect(result.code).toBe(0)
  })

  it('shows each schedule\'s reading and next 3 runs in its time zone, across a daylight-saving change', async () => {
    // A cron with a year keeps the runs fixed whatever today is: Berlin springs forward on
    // 2099-03-29, when 02:30 does not exist and EventBridge Scheduler skips the run
    // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, "Daylight savings time").
    const dir = project(
      [
        'project: genomics',
        'defaults: {queue: default, scheduleRole: "arn:aws:iam::123456789012:role/s"}',
        'computeEnvironments:',
        '  spot: {type: SPOT, maxvCpus: 16, subnets: [subnet-0abc1234], securityGroups: [sg-0abc1234]}',
        'jobQueues:',
        '  default: {priority: 1, computeEnvironments: [spot]}',
        'jobDefinitions:',
        '  align: {image: python:3.12}',
        'schedules:',
        '  spring: {cron: "30 2 28-31 3 ? 2099", timezone: Europe/Berlin, submit: {job: align}}',
        '  hourly: {rate: 1 hour, submit: {job: align}}',
        '',
      ].join('\n'),
    )
    const result = await runCli(['validate'], {cwd: dir})
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^batch\.yaml is valid: /)
    expect(lines.slice(1)).toEqual([
      '  schedule spring: At 02:30 AM, between day 28 and 31 of the month, only in March, only in 2099 (Europe/Berlin); next: 2099-03-28 02:30 +01:00, 2099-03-30 02:30 +02:00, 2099-03-31 02:30 +02:00',
      '  schedule hourly: Every 1 hour, counted from when it is created',
      '',
    ])
  })

  it('names the environment it validated', async () => {
    const result = await runCli(['validate', '--env', 'prod'], {cwd: validDir})
    expect(result.stdout).toBe('batch.yaml is valid (environment prod): 1 compute environment, 1 queue\n')
    expect(result.code).toBe(0)
  })

  it('exits 1 and prints every problem on stderr with location, frame and hint', async () => {
    const result = await runCli(['validate', '--file', 'batch.yaml'], {cwd: invalidDir})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('batch.yaml:5:5: error[unknown-key] unknown key "maxvCpu" in computeEnvironments.spot\n')
    expect(result.stderr).toContain('  > 5 |     maxvCpu: 16\n')
    expect(result.stderr).toContain('  hint: did you mean "maxvCpus"?\n')
    expect(result.stderr).toContain('batch.yaml:9:23: error[wrong-type] jobQueues.default.priority must be an integer, got the string "high"\n')
    expect(result.stderr.indexOf('5:5')).toBeLessThan(result.stderr.indexOf('9:23'))
    expect(result.stderr).toMatch(/\n2 errors in batch\.yaml\n$/)
    expect(result.stderr).not.toContain('\u001b[')
  })

  it('prints the JSON document on stdout with --json and still exits 1', async () => {
    const result = await runCli(['validate', '--json'], {cwd: invalidDir})
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    const output = JSON.parse(result.stdout) as {valid: boolean; errors: Array<Record<string, unknown>>}
    expect(output.valid).toBe(false)
    expect(output.errors).toEqual([
      {
        file: 'batch.yaml',
        line: 5,
        column: 5,
        code: 'unknown-key',
        message: 'unknown key "maxvCpu" in computeEnvironments.spot',
        path: ['computeEnvironments', 'spot', 'maxvCpu'],
        expected: expect.stringContaining('maxvCpus'),
        hint: 'did you mean "maxvCpus"?',
      },
      {
        file: 'batch.yaml',
        line: 9,
        column: 23,
        code: 'wrong-type',
        message: 'jobQueues.default.priority must be an integer, got the string "high"',
        path: ['jobQueues', 'default', 'priority'],
        expected: 'an integer',
      },
    ])
  })

  it('prints {valid: true} with --json for a valid file', async () => {
    const result = await runCli(['validate', '--json'], {cwd: validDir})
    expect(JSON.parse(result.stdout)).toEqual({valid: true, errors: []})
    expect(result.code).toBe(0)
  })

  it('lists the known environments for an unknown --env', async () => {
    const result = await runCli(['validate', '--env', 'staging'], {cwd: validDir})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('error[unknown-environment] unknown environment "staging"')
    expect(result.stderr).toContain('expected: one of prod')
  })

  it('suggests `batchctl init` when the file is missing, without a stack trace', async () => {
    const result = await runCli(['validate'], {cwd: mkdtempSync(join(tmpdir(), 'batchctl-empty-'))})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('batch.yaml not found')
    expect(result.stderr).toContain('batchctl init')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('reports a missing file as a JSON error with --json', async () => {
    const result = await runCli(['validate', '--json', '--file', 'nope.yaml'], {cwd: validDir})
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({error: {code: 'config-not-found', message: 'nope.yaml not found'}})
  })

  it('reports a binary file cleanly', async () => {
    const result = await runCli(['validate'], {cwd: project(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]))})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('batch.yaml:1:7: error[binary-file]')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('has help with examples', async () => {
    const result = await runCli(['validate', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('EXAMPLES')
    expect(result.stdout).toContain('batchctl validate --file deploy/batch.yaml --env prod')
    expect(result.stdout).toContain('--json')
  })
})
