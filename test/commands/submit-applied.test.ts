import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'

const BATCH_YAML = `project: demo
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
jobDefinitions:
  align:
    image: public.ecr.aws/docker/library/busybox:1.36
    command: [echo, aligned]
    vcpus: 1
    memory: 512
environments:
  dev:
    computeEnvironments:
      ce: {maxvCpus: 8}
`

describe('batchctl submit after batchctl apply', () => {
  it('submits and follows a batch.yaml job by its key, in the --env environment', async () => {
    const {emulator} = await startEmulator({clock: {speed: 50}, services: {batch: {transitionMs: 0}}})
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-submit-applied-'))
    writeFileSync(join(dir, 'batch.yaml'), BATCH_YAML)
    const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url, AWS_REGION: 'us-east-1'}
    const applied = await runCli(['apply', '--local', '--auto-approve', '--env', 'dev'], {cwd: dir, env, timeoutMs: 120_000})
    expect(applied.code, applied.stderr).toBe(0)
    const result = await runCli(['submit', 'align', '--follow', '--array-size', '3', '--env', 'dev', '--local'], {cwd: dir, env, timeoutMs: 120_000})
    expect(result.code, result.stderr).toBe(0)
    const [input] = emulator.calls.find('batch', 'SubmitJob').map((c) => c.input as {jobQueue: string; jobDefinition: string})
    expect(input?.jobQueue).toBe('demo-dev-default')
    expect(input?.jobDefinition).toMatch(/job-definition\/demo-dev-align:\d+$/)
    const lines = result.stdout.split('\n').filter((line) => / aligned$/.test(line))
    expect(lines.sort()).toEqual(['[0] echo aligned', '[1] echo aligned', '[2] echo aligned'])
  }, 180_000)
})
