import {BatchClient, CreateJobQueueCommand, DescribeJobQueuesCommand} from '@aws-sdk/client-batch'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Emulator} from '../../src/local/emulator.js'
import {runCli} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'

const READ_OPERATIONS = /^(Describe|List|Get)/
const mutating = (emulator: Emulator) => emulator.calls.all().filter((call) => !READ_OPERATIONS.test(call.operation))

const HEAD = `project: adopt
region: eu-central-1
defaults:
  subnets: [subnet-0a1b2c3d4e5f60718]
  securityGroups: [sg-0a1b2c3d4e5f60718]
computeEnvironments:
  fargate:
    type: FARGATE
    maxvCpus: 16
`
const queue = (priority: number) => `jobQueues:
  work:
    priority: ${priority}
    computeEnvironments: [fargate]
`

interface PlanJson {
  changes: Array<{id: string; action: string; diffs: Array<{path: string; before: unknown; after: unknown}>}>
  errors: Array<{code: string; kind: string; logicalName?: string}>
}

/**
 * A project whose compute environment batchctl applied, and a job queue `adopt-work` (the name
 * batch.yaml's `work` wants) created directly through the Batch API, untagged.
 */
async function projectWithForeignQueue(foreignPriority: number, wantedPriority: number) {
  const {emulator} = await startEmulator({services: {batch: {transitionMs: 50}}})
  const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url}
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-import-'))
  const file = join(dir, 'batch.yaml')
  writeFileSync(file, HEAD)
  expect((await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})).code).toBe(0)
  const batch = new BatchClient({endpoint: emulator.url, region: 'eu-central-1', credentials: {accessKeyId: 'x', secretAccessKey: 'x'}})
  // CreateJobQueue: https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html
  await batch.send(
    new CreateJobQueueCommand({jobQueueName: 'adopt-work', priority: foreignPriority, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'adopt-fargate'}]}),
  )
  writeFileSync(file, HEAD + queue(wantedPriority))
  const describeQueue = async () => (await batch.send(new DescribeJobQueuesCommand({jobQueues: ['adopt-work']}))).jobQueues?.[0]
  return {emulator, env, dir, file, describeQueue}
}

describe('batchctl import against the emulator', () => {
  it('adopts a queue created outside batchctl: tags only that queue, and the next plan is empty', async () => {
    const {emulator, env, dir, describeQueue} = await projectWithForeignQueue(5, 5)

    const conflicted = await runCli(['plan', '--local', '--json'], {cwd: dir, env})
    expect(conflicted.code).toBe(1)
    expect((JSON.parse(conflicted.stdout) as PlanJson).errors).toMatchObject([{code: 'conflict', kind: 'batch.jobQueue', logicalName: 'work'}])

    const before = mutating(emulator).length
    const imported = await runCli(['import', 'batch.jobQueue/work', '--local', '--auto-approve'], {cwd: dir, env})
    expect(imported.code).toBe(0)
    expect(imported.stdout + imported.stderr).toContain('batchctl:project')
    expect(imported.stderr).toContain('Imported batch.jobQueue/work')

    // Only the queue was written to: TagResource on its ARN (tags are the whole diff here).
    // TagResource: https://docs.aws.amazon.com/batch/latest/APIReference/API_TagResource.html
    const writes = mutating(emulator).slice(before)
    expect(writes.map((call) => call.operation)).toEqual(['TagResource'])
    const live = await describeQueue()
    expect(JSON.stringify(writes[0])).toContain(live!.jobQueueArn!)
    expect(live!.tags).toMatchObject({'batchctl:project': 'adopt', 'batchctl:logical-name': 'work'})

    const after = await runCli(['plan', '--local', '--detailed-exitcode', '--json'], {cwd: dir, env})
    expect(after.code).toBe(0)
    expect(JSON.parse(after.stdout)).toMatchObject({changes: [], errors: []})
  })

  it('applies the differences batch.yaml imposes together with the tags, after which plan is empty', async () => {
    const {emulator, env, dir, describeQueue} = await projectWithForeignQueue(5, 9)
    const before = mutating(emulator).length
    // The `kind name` form, as the conflict's hint prints it.
    const imported = await runCli(['import', 'batch.jobQueue', 'work', '--local', '--auto-approve', '--json'], {cwd: dir, env})
    expect(imported.code).toBe(0)
    const ops = mutating(emulator).slice(before).map((call) => call.operation)
    expect(ops.sort()).toEqual(['TagResource', 'UpdateJobQueue'])
    expect((await describeQueue())!.priority).toBe(9)
    const after = await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('No changes.')
  })

  it('refuses a name that is not a conflict, listing the conflicts that exist, and changes nothing', async () => {
    const {emulator, env, dir} = await projectWithForeignQueue(5, 5)
    const before = mutating(emulator).length
    const missing = await runCli(['import', 'batch.jobQueue/nightly', '--local', '--auto-approve'], {cwd: dir, env})
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('batch.jobQueue/nightly is not in batch.yaml')
    expect(missing.stderr).toContain('conflict: batch.jobQueue/work')

    const owned = await runCli(['import', 'batch.computeEnvironment/fargate', '--local', '--auto-approve'], {cwd: dir, env})
    expect(owned.code).toBe(1)
    expect(owned.stderr).toContain('batch.computeEnvironment/fargate has no conflict')

    const bad = await runCli(['import', 'queue/work', '--local'], {cwd: dir, env})
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('not a resource to import: queue/work')
    expect(mutating(emulator).length).toBe(before)
  })

  it('--all-conflicts adopts every conflict; without it and without names nothing happens', async () => {
    const {env, dir, describeQueue} = await projectWithForeignQueue(5, 5)
    const none = await runCli(['import', '--local'], {cwd: dir, env})
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('--all-conflicts')
    const all = await runCli(['import', '--all-conflicts', '--local', '--auto-approve'], {cwd: dir, env})
    expect(all.code).toBe(0)
    expect((await describeQueue())!.tags).toMatchObject({'batchctl:project': 'adopt'})
    expect((await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})).code).toBe(0)
    const nothingLeft = await runCli(['import', '--all-conflicts', '--local', '--auto-approve'], {cwd: dir, env})
    expect(nothingLeft.code).toBe(0)
    expect(nothingLeft.stderr).toContain('No conflicts to import.')
  })
})
