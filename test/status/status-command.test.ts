import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'

const BATCH_YAML = `project: snap
defaults:
  queue: default
  instanceRole: arn:aws:iam::123456789012:instance-profile/ecsInstanceRole
computeEnvironments:
  ce:
    type: EC2
    maxvCpus: 16
    subnets: [subnet-0abc1234]
    securityGroups: [sg-0abc1234]
jobQueues:
  default: {priority: 1, computeEnvironments: [ce]}
  spare: {priority: 2, computeEnvironments: [ce]}
jobDefinitions:
  align:
    image: public.ecr.aws/docker/library/busybox:1.36
    command: [echo, aligned]
    vcpus: 1
    memory: 512
environments:
  dev: {}
`

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, {recursive: true, force: true})
  dir = undefined
})

describe('batchctl status (built CLI, piped)', () => {
  it('prints one JSON snapshot with --json and a plain table when piped, even with --watch; refuses an unknown --queue', async () => {
    const {emulator} = await startEmulator({clock: {speed: 10}, services: {batch: {transitionMs: 0}}})
    dir = mkdtempSync(join(tmpdir(), 'batchctl-status-'))
    writeFileSync(join(dir, 'batch.yaml'), BATCH_YAML)
    const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url, AWS_REGION: 'us-east-1'}
    const applied = await runCli(['apply', '--local', '--auto-approve', '--env', 'dev'], {cwd: dir, env, timeoutMs: 120_000})
    expect(applied.code, applied.stderr).toBe(0)
    const submitted = await runCli(['submit', 'align', '--local', '--env', 'dev', '--array-size', '2', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000'], {cwd: dir, env})
    expect(submitted.code, submitted.stderr).toBe(0)
    const jobId = submitted.stdout.trim()

    const json = await runCli(['status', '--local', '--env', 'dev', '--json'], {cwd: dir, env})
    expect(json.code, json.stderr).toBe(0)
    const snapshot = JSON.parse(json.stdout) as {takenAt: number; calls: number; queues: Array<{key: string; name: string; counts: Record<string, number>}>}
    expect(snapshot.queues.map((q) => [q.key, q.name])).toEqual([
      ['default', 'snap-dev-default'],
      ['spare', 'snap-dev-spare'],
    ])
    // First read: 7 ListJobs per queue (every status once), 2 queues.
    expect(snapshot.calls).toBe(14)
    expect(snapshot.queues[0]!.counts.SUBMITTED! + snapshot.queues[0]!.counts.PENDING!).toBe(1)

    const text = await runCli(['status', '--local', '--env', 'dev', '--queue', 'default', '--watch'], {cwd: dir, env})
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout.split('\n')[0]).toBe('queue default (snap-dev-default)')
    expect(text.stdout).not.toContain('spare')
    expect(text.stdout).toMatch(/SUBMITTED \d+ {2}PENDING \d+/)
    // No cursor movement or Ink frames when piped.
    expect(text.stdout).not.toContain('\u001B[')
    // The array parent stays PENDING while its children run: it is listed as under way.
    expect(text.stdout).toContain(`align  ${jobId.slice(0, 8)}  PENDING`)

    const wrong = await runCli(['status', '--local', '--queue', 'defualt'], {cwd: dir, env})
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('no job queue defualt in batch.yaml')
    expect(wrong.stderr).toContain('did you mean default?')
  }, 240_000)
})
