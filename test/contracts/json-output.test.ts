import {BatchClient, CreateJobQueueCommand} from '@aws-sdk/client-batch'
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {binPath, repoRoot, runCli, type CliResult} from '../helpers/cli.js'
import type {EmulatorOptions} from '../../src/local/emulator.js'
import {fargateProject, projectDir, withAppliedProject, withProject} from '../helpers/project.js'
import {pushBaseImage} from '../helpers/oci.js'
import {startRegistry, type TestRegistry} from '../helpers/registry.js'
import {hasSchema, loadOutputSchemas, schemaFileOf, splitJsonOutput, validatorOf} from './output-schemas.js'

// Every command's --json output is a public contract (schema/output/<command>.schema.json,
// draft 2020-12). Each command runs here for real, against the embedded emulator, and what it
// prints is validated with ajv in strict mode: documents against the schema's root, NDJSON
// lines against its `$defs/line`.

const ajv = loadOutputSchemas()
const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {
  commands: Record<string, {enableJsonFlag?: boolean}>
}

/** Validates a command's output; returns the parts for further assertions. */
function expectValid(commandId: string, result: CliResult, expected: {lines?: 'some' | 'none'; document: boolean}) {
  const {lines, document} = splitJsonOutput(result.stdout)
  const validateLine = lines.length > 0 ? validatorOf(ajv, commandId, 'line') : () => false
  const validateDocument = validatorOf(ajv, commandId)
  if (expected.lines === 'some') expect(lines.length).toBeGreaterThan(0)
  if (expected.lines === 'none') expect(lines).toEqual([])
  for (const line of lines) {
    expect(validateLine(line) ? [] : (validateLine as {errors?: unknown}).errors, JSON.stringify(line)).toEqual([])
  }
  if (expected.document) {
    expect(document, `no document in: ${result.stdout}${result.stderr}`).toBeDefined()
    expect(validateDocument(document) ? [] : validateDocument.errors).toEqual([])
  } else {
    expect(document).toBeUndefined()
  }
  return {lines: lines as Array<Record<string, unknown>>, document: document as Record<string, any>}
}

const PROJECT = fargateProject(
  'shop',
  `schedules:
  nightly:
    cron: "0 3 * * ? *"
    role: arn:aws:iam::123456789012:role/shop-scheduler
    submit: {job: work}
workflows:
  pipeline:
    steps:
      - {name: prepare, job: work}
      - {name: fan, job: work, arraySize: 2, after: [prepare]}
`,
)

/**
 * An emulator and a project directory holding `yaml` (default PROJECT), whose `cli` appends
 * `--local --json`; `apply: true` (default) deploys it first.
 */
async function deployed(options: {apply?: boolean; yaml?: string; emulator?: EmulatorOptions} = {}) {
  const extra = options.emulator ?? {}
  const project = {
    yaml: options.yaml ?? PROJECT,
    emulator: {
      clock: {speed: 100},
      ...extra,
      services: {states: {syncPollMs: 200}, batch: {transitionMs: 50, jobTransitionMs: 100, jobDurationMs: 300}, ...extra.services},
    },
    append: ['--json'],
    prefix: 'batchctl-contract-',
  }
  const {emulator, dir, cli} = options.apply === false ? await withProject(project) : await withAppliedProject(project)
  return {emulator, dir, cli: (...args: string[]) => cli(args)}
}

const contractDir = () => projectDir(PROJECT, 'batchctl-contract-')

describe('every command with --json has an output schema', () => {
  it('has one schema per command, and no schema without a command', () => {
    const ids = Object.entries(manifest.commands)
      .filter(([, command]) => command.enableJsonFlag)
      .map(([id]) => id)
    expect(ids.length).toBeGreaterThan(5)
    expect(ids.filter((id) => !hasSchema(id))).toEqual([])
    const files = new Set(ids.map(schemaFileOf))
    for (const file of ajvSchemaFiles()) if (file !== 'common.schema.json') expect(files.has(file), file).toBe(true)
  })

  it('rejects documents that break the contract (the schemas are not vacuous)', () => {
    const plan = validatorOf(ajv, 'plan')
    const minimal = {project: 'p', changes: [], errors: [], names: {}, summary: {add: 0, change: 0, replace: 0, destroy: 0}, fingerprint: {desired: 'a', live: 'b'}}
    expect(plan(minimal)).toBe(true)
    expect(plan({...minimal, extra: 1})).toBe(false)
    expect(plan({...minimal, changes: [{id: 'x', action: 'rename'}]})).toBe(false)
    expect(plan({...minimal, errors: [{code: 'conflict', kind: 'batch.queue', physicalName: 'q', message: 'm', hints: []}]})).toBe(false)
    const line = validatorOf(ajv, 'apply', 'line')
    expect(line({type: 'step-started', at: 1})).toBe(false)
  })
})

function ajvSchemaFiles(): string[] {
  return Object.keys(ajv.schemas)
    .filter((id) => id.startsWith('https://batchctl.dev/schema/output/'))
    .map((id) => id.slice('https://batchctl.dev/schema/output/'.length))
}

describe('--json output matches the schemas, command by command', () => {
  it('validate: a valid file, an invalid one (also as plan refuses it), and a missing one', async () => {
    const dir = contractDir()
    const valid = await runCli(['validate', '--json'], {cwd: dir})
    expect(valid.code).toBe(0)
    expect(expectValid('validate', valid, {lines: 'none', document: true}).document).toEqual({valid: true, errors: []})

    writeFileSync(join(dir, 'batch.yaml'), PROJECT.replace('maxvCpus: 16', 'maxvCpus: lots'))
    const invalid = await runCli(['validate', '--json'], {cwd: dir})
    expect(invalid.code).toBe(1)
    expect(expectValid('validate', invalid, {lines: 'none', document: true}).document.valid).toBe(false)

    // Commands that read batch.yaml report an invalid one as the error document with diagnostics.
    const refusedPlan = await runCli(['plan', '--json', '--local'], {cwd: dir})
    expect(refusedPlan.code).toBe(1)
    const refusal = expectValid('plan', refusedPlan, {lines: 'none', document: true}).document
    expect(refusal).toMatchObject({valid: false, error: {message: 'batch.yaml is invalid'}})
    expect(refusal.errors.length).toBeGreaterThan(0)

    const missing = await runCli(['validate', '--json', '--file', 'nope.yaml'], {cwd: dir})
    expect(missing.code).toBe(1)
    expectValid('validate', missing, {lines: 'none', document: true})
  })

  it('plan (creates, then updates), apply (refused, then applied) and destroy', {timeout: 120_000}, async () => {
    const {cli, dir} = await deployed({apply: false})
    const creates = await cli('plan')
    expect(expectValid('plan', creates, {lines: 'none', document: true}).document.summary.add).toBeGreaterThan(0)

    const refused = await cli('apply')
    expect(refused.code).toBe(1)
    expect(expectValid('apply', refused, {lines: 'none', document: true}).document.error.code).toBe('confirmation-required')

    const applied = await cli('apply', '--auto-approve')
    expect(applied.code).toBe(0)
    const {lines, document} = expectValid('apply', applied, {lines: 'some', document: true})
    expect(lines.map((line) => line.type)).toContain('step-done')
    expect(document.result.ok).toBe(true)

    writeFileSync(join(dir, 'batch.yaml'), PROJECT.replace('priority: 1', 'priority: 3').replace('memory: 2048', 'memory: 4096'))
    const updates = await cli('plan')
    const changes = expectValid('plan', updates, {lines: 'none', document: true}).document.changes as Array<{action: string; flavour?: string}>
    expect(changes.map((c) => `${c.action}/${c.flavour}`).sort()).toEqual(['update/in-place', 'update/new-revision'])
    expect((await cli('apply', '--auto-approve')).code).toBe(0)
    const empty = await cli('apply', '--auto-approve')
    expect(expectValid('apply', empty, {lines: 'none', document: true}).document.result).toBeUndefined()

    const destroyed = await cli('destroy', '--auto-approve')
    expect(destroyed.code).toBe(0)
    const gone = expectValid('destroy', destroyed, {lines: 'some', document: true}).document
    expect(new Set((gone.plan.changes as Array<{action: string}>).map((change) => change.action))).toEqual(new Set(['delete']))
  })

  it('run: started, --wait, --follow and --list', {timeout: 120_000}, async () => {
    const {cli} = await deployed()
    const started = await cli('run', 'pipeline')
    expect(started.code).toBe(0)
    expect(expectValid('run', started, {lines: 'none', document: true}).document.reused).toBe(false)
    const waited = await cli('run', 'pipeline', '--wait', '--poll-ms', '20')
    expect(waited.code).toBe(0)
    expect(expectValid('run', waited, {lines: 'some', document: false}).lines.at(-1)).toMatchObject({type: 'finished', status: 'SUCCEEDED'})
    const followed = await cli('run', 'pipeline', '--follow', '--poll-ms', '20')
    const types = new Set(expectValid('run', followed, {lines: 'some', document: false}).lines.map((line) => line.type))
    for (const type of ['started', 'steps', 'step', 'job', 'finished']) expect(types).toContain(type)
    const listed = await cli('run', '--list')
    expect(expectValid('run', listed, {lines: 'none', document: true}).document.executions.length).toBe(3)
    const missing = await cli('run')
    expect(expectValid('run', missing, {lines: 'none', document: true}).document.error.code).toBe('missing-workflow')
  })

  it('submit (plain, --wait, --follow), logs and status', {timeout: 120_000}, async () => {
    const {cli} = await deployed()
    const submitted = await cli('submit', 'work')
    const job = expectValid('submit', submitted, {lines: 'none', document: true}).document
    const waitedJob = await cli('submit', 'work', '--wait')
    expect(expectValid('submit', waitedJob, {lines: 'none', document: true}).document.status).toBe('SUCCEEDED')
    const followedJob = await cli('submit', 'work', '--follow', '--array-size', '2')
    const jobLines = expectValid('submit', followedJob, {lines: 'some', document: false}).lines
    expect(jobLines[0]!.type).toBe('submitted')
    expect(jobLines.map((line) => line.type)).toContain('log')
    expect(jobLines.at(-1)).toMatchObject({type: 'result', status: 'SUCCEEDED', arraySize: 2})

    const logs = await cli('logs', job.jobId as string, '--follow')
    expect(logs.code).toBe(0)
    const logLines = expectValid('logs', logs, {lines: 'some', document: false}).lines
    expect(logLines.filter((line) => line.type === 'log').length).toBeGreaterThan(0)
    expect(logLines.find((line) => line.type === 'done')).toMatchObject({status: 'SUCCEEDED'})
    const noJob = await cli('logs', 'no-such-job')
    expect(noJob.code).toBe(1)
    expectValid('logs', noJob, {lines: 'none', document: true})

    const status = await cli('status')
    expect(status.code).toBe(0)
    expect(expectValid('status', status, {lines: 'none', document: true}).document.queues).toMatchObject([{key: 'main', name: 'shop-main'}])
  })

  it('plan with errors, and import of the conflict', {timeout: 120_000}, async () => {
    const head = `project: adopt
region: us-east-1
computeEnvironments:
  fargate: {type: FARGATE, maxvCpus: 16, subnets: [subnet-11111111], securityGroups: [sg-11111111]}
`
    const {emulator, dir, cli} = await deployed({yaml: head})
    const batch = new BatchClient({endpoint: emulator.url, region: 'us-east-1', credentials: {accessKeyId: 'x', secretAccessKey: 'x'}})
    await batch.send(new CreateJobQueueCommand({jobQueueName: 'adopt-main', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: 'adopt-fargate'}]}))
    writeFileSync(join(dir, 'batch.yaml'), `${head}jobQueues:\n  main: {priority: 2, computeEnvironments: [fargate]}\n`)

    const conflicted = await cli('plan')
    expect(conflicted.code).toBe(1)
    expect(expectValid('plan', conflicted, {lines: 'none', document: true}).document.errors[0]).toMatchObject({code: 'conflict', logicalName: 'main'})

    const imported = await cli('import', 'batch.jobQueue/main', '--auto-approve')
    expect(imported.code).toBe(0)
    const result = expectValid('import', imported, {lines: 'some', document: true}).document
    expect(result.imported).toEqual(['batch.jobQueue/main'])
    expect(result.plan.changes[0].diffs.map((diff: {path: string}) => diff.path)).toContain('priority')
    const unknown = await cli('import', 'batch.jobQueue/other')
    expect(unknown.code).toBe(1)
    expect(expectValid('import', unknown, {lines: 'none', document: true}).document.error.code).toBe('import-unknown')
  })

  it('policy and init, which need no AWS', async () => {
    const dir = contractDir()
    const policy = await runCli(['policy', '--json'], {cwd: dir})
    expect(policy.code).toBe(0)
    expect(expectValid('policy', policy, {lines: 'none', document: true}).document.roles.length).toBeGreaterThan(0)

    const empty = mkdtempSync(join(tmpdir(), 'batchctl-contract-init-'))
    const init = await runCli(['init', '--json', '--project', 'starter', '--compute', 'spot'], {cwd: empty})
    expect(init.code).toBe(0)
    expect(expectValid('init', init, {lines: 'none', document: true}).document).toMatchObject({project: 'starter', compute: 'spot', overwritten: false})
    const again = await runCli(['init', '--json', '--project', 'starter'], {cwd: empty})
    expect(again.code).toBe(1)
    expectValid('init', again, {lines: 'none', document: true})
  })

  it('local start prints its document once it listens', async () => {
    const child = spawn(process.execPath, [binPath, 'local', 'start', '--port', '0', '--json'], {
      env: {...process.env, NODE_ENV: 'production', NO_COLOR: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no document: ${stdout}`)), 20_000)
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        try {
          JSON.parse(stdout)
          clearTimeout(timer)
          resolve()
        } catch {
          // Not the whole document yet.
        }
      })
    })
    child.kill('SIGTERM')
    await closed
    const {document} = expectValid('local:start', {code: 0, stdout, stderr: ''}, {lines: 'none', document: true})
    expect(document.env.BATCHCTL_LOCAL_ENDPOINT).toBe(document.url)
  })
})

describe('build --json against a registry behind the emulated ECR', () => {
  let registry: TestRegistry
  beforeAll(async () => {
    registry = await startRegistry()
    await pushBaseImage(registry.host, 'base', '1')
  })
  afterAll(async () => {
    await registry?.stop()
  })

  it('lists the image apply pushed as unchanged, then a changed one as pushed', {timeout: 120_000}, async () => {
    const {dir, cli} = await deployed({
      apply: false,
      emulator: {services: {ecr: {registry: registry.host}}},
      yaml: PROJECT.replace('jobDefinitions:', `images:\n  worker:\n    base: ${registry.host}/base:1\n    files:\n      - {src: ./README.md, dest: /app/README.md}\njobDefinitions:`).replace(
        'public.ecr.aws/docker/library/busybox:latest',
        'worker',
      ),
    })
    cpSync(join(repoRoot, 'README.md'), join(dir, 'README.md'))
    expect((await cli('apply', '--auto-approve')).code).toBe(0)
    const built = await cli('build')
    expect(built.code).toBe(0)
    const unchanged = expectValid('build', built, {lines: 'none', document: true}).document.images
    expect(unchanged).toMatchObject([{key: 'worker', skipped: true}])
    writeFileSync(join(dir, 'README.md'), 'changed\n')
    const rebuilt = await cli('build')
    const pushed = expectValid('build', rebuilt, {lines: 'none', document: true}).document.images
    expect(pushed).toMatchObject([{key: 'worker', skipped: false}])
    expect(pushed[0].digest).not.toBe(unchanged[0].digest)
  })
})
