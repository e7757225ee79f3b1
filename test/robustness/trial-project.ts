// Projects for the robustness trials: an example or a generated batch.yaml copied into a temp
// dir, its desired model, an in-process apply (for set-up), and resources the project must not touch.
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse, stringify} from 'yaml'

import {generateProjectYaml} from '../../bench/fixtures/generate-project.js'
import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import {loadConfig} from '../../src/config/load-config.js'
import {desiredModel} from '../../src/desired/index.js'
import type {Emulator} from '../../src/local/emulator.js'
import type {Model} from '../../src/model/index.js'
import {applyProject} from '../../src/services/applying.js'
import {planProject} from '../../src/services/planning.js'
import {repoRoot} from '../helpers/cli.js'

/** A batch.yaml to apply: one of examples/*, or the generated project (revision 1 or 2). */
export type ProjectSource = {example: string} | {generated: 1 | 2; project: string}

/** The generated project of the trials: big enough that an apply takes a few seconds. */
export function generatedYaml(project: string, revision: 1 | 2): string {
  return generateProjectYaml({project, computeEnvironments: 4, jobQueues: 6, jobDefinitions: 10, schedules: 2, revision})
}

/** The image job definitions get in place of an `images:` entry (see writeProject). */
export const PREBUILT_IMAGE = 'public.ecr.aws/docker/library/python:3.12-slim'

/**
 * Copies (or writes) the project into a fresh temp dir; returns the dir. An example's `images:`
 * are replaced by a prebuilt image URI: building them pulls a base image from public.ecr.aws,
 * and these tests have no network (image push is tested in test/images against a local registry).
 */
export function writeProject(source: ProjectSource, dir = mkdtempSync(join(tmpdir(), 'batchctl-robust-'))): string {
  const file = join(dir, 'batch.yaml')
  if ('generated' in source) {
    writeFileSync(file, generatedYaml(source.project, source.generated))
    return dir
  }
  cpSync(join(repoRoot, 'examples', source.example), dir, {recursive: true})
  const config = parse(readFileSync(file, 'utf8')) as {images?: Record<string, unknown>; jobDefinitions?: Record<string, {image?: string}>}
  if (config.images) {
    const keys = new Set(Object.keys(config.images))
    delete config.images
    for (const definition of Object.values(config.jobDefinitions ?? {})) {
      if (definition.image !== undefined && keys.has(definition.image)) definition.image = PREBUILT_IMAGE
    }
    writeFileSync(file, stringify(config))
  }
  return dir
}

/** The project's desired model, its region and project name, as the CLI computes them. */
export function projectModel(dir: string): {model: Model; region: string; project: string} {
  const loaded = loadConfig(join(dir, 'batch.yaml'))
  return {model: desiredModel(loaded.config), region: loaded.config.region ?? 'us-east-1', project: loaded.config.project}
}

/** SDK clients and adapters against an emulator, with short waits. */
export function adaptersFor(emulator: Emulator, region: string) {
  const clients = new AwsClients({region, endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  return createAdapters(clients, {wait: {initialMs: 50, maxMs: 200, timeoutMs: 30_000}})
}

/** Plans and applies the project in this process (set-up, not under test); throws unless it completes. */
export async function applyInProcess(emulator: Emulator, dir: string): Promise<void> {
  const loaded = loadConfig(join(dir, 'batch.yaml'))
  const registry = adaptersFor(emulator, loaded.config.region ?? 'us-east-1')
  const {plan} = await planProject(loaded, registry.adapters)
  const result = await applyProject(plan, {adapters: registry.adapters})
  if (!result.ok) throw new Error(`set-up apply failed: ${JSON.stringify(result.failed)}`)
}

/** The number of steps an apply of the project would take now (for choosing kill moments). */
export async function plannedSteps(emulator: Emulator, dir: string): Promise<number> {
  const loaded = loadConfig(join(dir, 'batch.yaml'))
  const {plan} = await planProject(loaded, adaptersFor(emulator, loaded.config.region ?? 'us-east-1').adapters)
  return plan.changes.reduce((sum, change) => sum + change.steps.length, 0)
}

/** Names of resources the project does not want and does not own, created in the emulator. */
export interface Unowned {
  computeEnvironment: string
  jobDefinition: string
  rule: string
}

/**
 * Creates resources with names in the project's own prefix that batch.yaml does not list: one
 * untagged, one tagged as another project's. Created with `emulator.invoke`, which the call log
 * does not record, so every logged call naming them came from batchctl.
 */
export async function createUnowned(emulator: Emulator, region: string, project: string): Promise<Unowned> {
  const names: Unowned = {computeEnvironment: `${project}-legacy`, jobDefinition: `${project}-legacy`, rule: `${project}-legacy`}
  await emulator.invoke(
    'batch',
    'CreateComputeEnvironment',
    {
      computeEnvironmentName: names.computeEnvironment,
      type: 'MANAGED',
      computeResources: {
        type: 'EC2',
        minvCpus: 0,
        maxvCpus: 8,
        instanceTypes: ['optimal'],
        subnets: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
        instanceRole: 'ecsInstanceRole',
      },
    },
    region,
  )
  await emulator.invoke(
    'batch',
    'RegisterJobDefinition',
    {
      jobDefinitionName: names.jobDefinition,
      type: 'container',
      containerProperties: {image: 'busybox', command: ['true'], resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]},
      // Another project of the same prefix: owned, but not by this one.
      tags: {'batchctl:project': `${project}-other`, 'batchctl:logical-name': 'legacy'},
    },
    region,
  )
  await emulator.invoke('events', 'PutRule', {Name: names.rule, ScheduleExpression: 'rate(1 hour)'}, region)
  return names
}

/** Every string inside a call's input (names and ARNs), to find calls that name a resource. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out)
  return out
}

/** True when a string is the name, or an ARN/path ending in the name (optionally `:revision`). */
export function names(candidate: string, name: string): boolean {
  return candidate === name || new RegExp(`[/:]${name}(:\\d+)?$`).test(candidate)
}
