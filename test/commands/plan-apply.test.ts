import {BatchClient, UpdateComputeEnvironmentCommand} from '@aws-sdk/client-batch'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {Emulator} from '../../src/local/emulator.js'
import {repoRoot, runCli} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'

const READ_OPERATIONS = /^(Describe|List|Get)/

function project(example = 'fargate-nightly'): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-plan-'))
  cpSync(join(repoRoot, 'examples', example), dir, {recursive: true})
  return dir
}

async function emulator(): Promise<{emulator: Emulator; env: Record<string, string>}> {
  const {emulator} = await startEmulator({services: {batch: {transitionMs: 100}}})
  return {emulator, env: {BATCHCTL_LOCAL_ENDPOINT: emulator.url}}
}

const mutating = (emulator: Emulator) => emulator.calls.all().filter((call) => !READ_OPERATIONS.test(call.operation))

describe('plan, apply and destroy through the CLI against the emulator', () => {
  it('applies an example from nothing, after which plan is empty; destroy removes it all', async () => {
    const {emulator: aws, env} = await emulator()
    const dir = project()
    const first = await runCli(['plan', '--local', '--detailed-exitcode', '--json'], {cwd: dir, env})
    expect(first.code).toBe(2)
    const planned = JSON.parse(first.stdout) as {summary: {add: number}; changes: Array<{action: string}>}
    expect(planned.summary.add).toBeGreaterThan(0)
    expect(mutating(aws)).toEqual([]) // plan changes nothing

    const applied = await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})
    expect(applied.stderr).toContain('Apply complete')
    expect(applied.code).toBe(0)

    const again = await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})
    expect(again.stdout).toContain('No changes.')
    expect(again.code).toBe(0)

    const destroyed = await runCli(['destroy', '--local', '--auto-approve', '--json'], {cwd: dir, env})
    expect(destroyed.code).toBe(0)
    const afterDestroy = await runCli(['plan', '--local', '--json'], {cwd: dir, env})
    expect(JSON.parse(afterDestroy.stdout).summary.add).toBe(planned.summary.add)
  })

  it('plans exactly the field that changed in batch.yaml, and applying it empties the plan', async () => {
    const {env} = await emulator()
    const dir = project()
    expect((await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})).code).toBe(0)
    const file = join(dir, 'batch.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxvCpus: 16', 'maxvCpus: 24'))
    const changed = await runCli(['plan', '--local', '--json'], {cwd: dir, env})
    const plan = JSON.parse(changed.stdout) as {changes: Array<{action: string; physicalName: string; diffs: Array<{path: string; before: unknown; after: unknown}>}>}
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({action: 'update', physicalName: 'reports-fargate'})
    expect(plan.changes[0]!.diffs).toEqual([{path: 'computeResources.maxvCpus', before: 16, after: 24, sensitive: false}])
    expect((await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})).code).toBe(0)
    expect((await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})).code).toBe(0)
  })

  it('refuses to apply without confirmation when not on a terminal, touching nothing', async () => {
    const {emulator: aws, env} = await emulator()
    const result = await runCli(['apply', '--local'], {cwd: project(), env})
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('refusing to apply without confirmation: not on a terminal')
    expect(result.stderr).toContain('--auto-approve')
    expect(mutating(aws)).toEqual([])
  })

  it('stops an invalid batch.yaml before any AWS call', async () => {
    const {emulator: aws, env} = await emulator()
    const dir = project()
    const file = join(dir, 'batch.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxvCpus: 16', 'maxvCpus: lots'))
    const result = await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/batch\.yaml:\d+:\d+/)
    expect(aws.calls.all()).toEqual([])
  })

  it('applies a saved plan, and refuses one made stale by a change in AWS', async () => {
    const {emulator: aws, env, } = await emulator()
    const dir = project()
    expect((await runCli(['plan', '--local', '--out', 'plan.json'], {cwd: dir, env})).code).toBe(0)
    expect((await runCli(['apply', 'plan.json', '--auto-approve'], {cwd: dir, env})).code).toBe(0)
    expect((await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})).code).toBe(0)

    const file = join(dir, 'batch.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('maxvCpus: 16', 'maxvCpus: 24'))
    expect((await runCli(['plan', '--local', '--out', 'plan.json'], {cwd: dir, env})).code).toBe(0)
    // Someone changes the compute environment after the plan was made.
    const batch = new BatchClient({endpoint: aws.url, region: 'eu-central-1', credentials: {accessKeyId: 'x', secretAccessKey: 'x'}})
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'reports-fargate', computeResources: {maxvCpus: 20}}))
    const before = mutating(aws).length
    const stale = await runCli(['apply', 'plan.json', '--auto-approve'], {cwd: dir, env})
    expect(stale.code).toBe(1)
    expect(stale.stderr).toContain('the saved plan is stale')
    expect(mutating(aws).length).toBe(before)
  })
})
