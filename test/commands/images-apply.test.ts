import {BatchClient, DescribeJobDefinitionsCommand} from '@aws-sdk/client-batch'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {runCli} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'
import {pushBaseImage} from '../helpers/oci.js'
import {startRegistry, type TestRegistry} from '../helpers/registry.js'

let registry: TestRegistry

beforeAll(async () => {
  registry = await startRegistry()
  await pushBaseImage(registry.host, 'base', '1')
})

afterAll(async () => {
  await registry?.stop()
})

function project(name = 'imgs'): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-images-'))
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'main.py'), 'print("v1")\n')
  writeFileSync(
    join(dir, 'batch.yaml'),
    `project: ${name}
region: us-east-1
defaults:
  queue: main
  executionRole: arn:aws:iam::123456789012:role/exec
images:
  worker:
    base: ${registry.host}/base:1
    files:
      - {src: ./app, dest: /app}
    command: [python, /app/main.py]
computeEnvironments:
  fargate: {type: FARGATE, maxvCpus: 4, subnets: [subnet-1], securityGroups: [sg-1]}
jobQueues:
  main: {priority: 1, computeEnvironments: [fargate]}
jobDefinitions:
  hello: {image: worker, vcpus: 0.25, memory: 512}
`,
  )
  return dir
}

describe('apply builds and pushes images before registering the job definitions that use them', () => {
  it('pins the job definition to the pushed digest, skips unchanged images, and rebuilds a changed one', async () => {
    const {emulator} = await startEmulator({services: {batch: {transitionMs: 50}, ecr: {registry: registry.host}}})
    const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url}
    const dir = project()

    const first = await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})
    expect(first.stderr).toContain('Apply complete')
    const batch = new BatchClient({endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'x', secretAccessKey: 'x'}})
    const registered = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'imgs-hello', status: 'ACTIVE'}))
    const image = registered.jobDefinitions?.[0]?.containerProperties?.image
    expect(image).toMatch(new RegExp(`^${registry.host}/imgs-worker@sha256:[a-f0-9]{64}$`))

    // Unchanged: the content tag is found in the registry, so the plan is empty, and a second
    // apply changes nothing: no revision registered, no image rebuilt (the registry skip is
    // counted request by request in test/images/daemonless.test.ts).
    const again = await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})
    expect(again.stdout).toContain('No changes.')
    expect(again.code).toBe(0)
    const before = emulator.calls.all().length
    const reapplied = await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})
    expect(reapplied.code).toBe(0)
    expect(reapplied.stderr).not.toContain('Applying')
    const writes = emulator.calls.all().slice(before).filter((call) => !/^(Describe|List|Get)/.test(call.operation))
    expect(writes).toEqual([])

    // One file changes: a new revision with a new digest.
    writeFileSync(join(dir, 'app', 'main.py'), 'print("v2")\n')
    const changed = await runCli(['plan', '--local', '--json'], {cwd: dir, env})
    const plan = JSON.parse(changed.stdout) as {changes: Array<{action: string; flavour?: string; diffs: Array<{path: string; after: unknown}>}>}
    expect(plan.changes).toHaveLength(1)
    expect(plan.changes[0]).toMatchObject({action: 'update', flavour: 'new-revision'})
    expect(plan.changes[0]!.diffs).toEqual([expect.objectContaining({path: 'containerProperties.image', after: '(image worker: known after build)'})])
    expect((await runCli(['apply', '--local', '--auto-approve'], {cwd: dir, env})).code).toBe(0)
    const latest = await batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: 'imgs-hello', status: 'ACTIVE'}))
    const images = latest.jobDefinitions?.map((jd) => jd.containerProperties?.image)
    expect(images).toHaveLength(2)
    expect(new Set(images).size).toBe(2)
    expect((await runCli(['plan', '--local', '--detailed-exitcode'], {cwd: dir, env})).code).toBe(0)
  })
})

describe('batchctl build', () => {
  it('asks for the repository first, then pushes, then skips unchanged content', async () => {
    const {emulator} = await startEmulator({services: {batch: {transitionMs: 50}, ecr: {registry: registry.host}}})
    const env = {BATCHCTL_LOCAL_ENDPOINT: emulator.url}
    const dir = project('builds') // its own repository in the shared registry

    const early = await runCli(['build', '--local'], {cwd: dir, env})
    expect(early.code).toBe(1)
    expect(early.stderr).toContain('the ECR repository for worker does not exist yet')
    expect(early.stderr).toContain('batchctl apply --target ecr.repository/worker')

    expect((await runCli(['apply', '--local', '--auto-approve', '--target', 'ecr.repository/worker'], {cwd: dir, env})).code).toBe(0)
    const built = await runCli(['build', '--local', '--json'], {cwd: dir, env})
    expect(built.code).toBe(0)
    const first = JSON.parse(built.stdout) as {images: Array<{key: string; uri: string; skipped: boolean}>}
    expect(first.images).toEqual([expect.objectContaining({key: 'worker', skipped: false, uri: expect.stringMatching(/@sha256:/)})])

    const again = JSON.parse((await runCli(['build', '--local', '--json', 'worker'], {cwd: dir, env})).stdout) as typeof first
    expect(again.images).toEqual([expect.objectContaining({key: 'worker', skipped: true, uri: first.images[0]!.uri})])

    const unknown = await runCli(['build', '--local', 'nope'], {cwd: dir, env})
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('no image nope in batch.yaml')
  })
})
