import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach} from 'vitest'

import type {Emulator, EmulatorOptions} from '../../src/local/emulator.js'
import {type CliResult, runCli} from './cli.js'
import {type ClientConfig, startEmulator} from './emulator.js'

/** Options of `smallEc2Project`. */
export interface SmallEc2Options {
  /** `project:` (physical names are `<project>[-<env>]-<key>`). Default `demo`. */
  project?: string
  /** Queues besides `default` (priority 1), on the same compute environment, priorities 2, 3, … */
  extraQueues?: string[]
  /** `environments:` entries, each a YAML flow mapping (`{}` for none), e.g. `{dev: '{}'}`. */
  environments?: Record<string, string>
}

/**
 * The small EC2 batch.yaml several command tests share: compute environment `ce` (EC2, 16 vCPUs),
 * queue `default` (also `defaults.queue`) and job definition `align` (busybox, `echo aligned`,
 * 1 vCPU, 512 MiB).
 */
export function smallEc2Project(options: SmallEc2Options = {}): string {
  const queues = ['default', ...(options.extraQueues ?? [])].map((key, i) => `  ${key}: {priority: ${i + 1}, computeEnvironments: [ce]}\n`)
  const environments = Object.entries(options.environments ?? {}).map(([name, body]) => `  ${name}: ${body}\n`)
  return `project: ${options.project ?? 'demo'}
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
${queues.join('')}jobDefinitions:
  align:
    image: public.ecr.aws/docker/library/busybox:1.36
    command: [echo, aligned]
    vcpus: 1
    memory: 512
${environments.length > 0 ? `environments:\n${environments.join('')}` : ''}`
}

/**
 * The Fargate batch.yaml the workflow and contract tests share, followed by `rest` (schedules,
 * workflows): region us-east-1, compute environment `fargate` (16 vCPUs), queue `main` (also
 * `defaults.queue`), job definition `work` (busybox, `echo hi`, 1 vCPU, 2048 MiB), and the
 * workflow and execution roles `<project>-sfn` and `<project>-ecs-exec`.
 */
export function fargateProject(project: string, rest = ''): string {
  return `project: ${project}
region: us-east-1
defaults:
  queue: main
  workflowRole: arn:aws:iam::123456789012:role/${project}-sfn
  executionRole: arn:aws:iam::123456789012:role/${project}-ecs-exec
computeEnvironments:
  fargate: {type: FARGATE, maxvCpus: 16, subnets: [subnet-11111111], securityGroups: [sg-11111111]}
jobQueues:
  main: {priority: 1, computeEnvironments: [fargate]}
jobDefinitions:
  work: {image: public.ecr.aws/docker/library/busybox:latest, vcpus: 1, memory: 2048, command: [echo, hi]}
${rest}`
}

const dirs: string[] = []

/** A temp folder holding `yaml` as batch.yaml; removed after the test. */
export function projectDir(yaml: string, prefix = 'batchctl-project-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  writeFileSync(join(dir, 'batch.yaml'), yaml)
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

/** A project folder and the built CLI pointed at an emulator. */
export interface ProjectCli {
  dir: string
  /** Variables that point the CLI at the emulator: for `runCli`'s env or a tmux session's. */
  env: Record<string, string>
  /** Runs the built CLI in `dir` with `--local` and the project's `append` words after `args`. */
  cli(args: string[], options?: {timeoutMs?: number}): Promise<CliResult>
}

/** Options of `projectAt`. */
export interface ProjectCliOptions {
  /** Words after every command's own (`['--json']`, `['--poll-ms', '20']`). */
  append?: string[]
  /** The temp folder's name prefix (it shows in failures). */
  prefix?: string
  /** Default time limit of a CLI run. Default 60 s. */
  timeoutMs?: number
}

/** A project folder holding `yaml`, with the CLI pointed at the emulator at `endpoint`. */
export function projectAt(yaml: string, endpoint: string, options: ProjectCliOptions = {}): ProjectCli {
  const dir = projectDir(yaml, options.prefix)
  // AWS_REGION only matters to a batch.yaml without `region:` (it comes after the file's).
  const env = {BATCHCTL_LOCAL_ENDPOINT: endpoint, AWS_REGION: 'us-east-1'}
  const append = options.append ?? []
  return {
    dir,
    env,
    cli: (args, {timeoutMs = options.timeoutMs ?? 60_000} = {}) => runCli([...args, '--local', ...append], {cwd: dir, env, timeoutMs}),
  }
}

/** A project and the embedded emulator it talks to (stopped after the test). */
export interface LocalProject extends ProjectCli {
  emulator: Emulator
  /** SDK client settings for the emulator, to arrange or inspect state directly. */
  config: ClientConfig
}

/** Options of `withProject` and `withAppliedProject`. */
export interface LocalProjectOptions extends ProjectCliOptions {
  yaml: string
  emulator?: EmulatorOptions
}

/** Starts an emulator and writes the project; nothing is deployed yet. */
export async function withProject(options: LocalProjectOptions): Promise<LocalProject> {
  const {emulator, config} = await startEmulator(options.emulator)
  return {...projectAt(options.yaml, emulator.url, options), emulator, config}
}

/**
 * `withProject`, then `batchctl apply --auto-approve` (with `applyArgs`, e.g. `['--env', 'dev']`);
 * throws with the CLI's output when apply fails.
 */
export async function withAppliedProject(options: LocalProjectOptions & {applyArgs?: string[]}): Promise<LocalProject> {
  const project = await withProject(options)
  const applied = await project.cli(['apply', '--auto-approve', ...(options.applyArgs ?? [])], {timeoutMs: 120_000})
  if (applied.code !== 0) throw new Error(`apply failed (exit ${applied.code}): ${applied.stderr}${applied.stdout}`)
  return project
}
