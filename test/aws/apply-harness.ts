import {join} from 'node:path'

import type {StepProgress} from '../../src/apply/adapter.js'
import {registryOf, type AdapterRegistry} from '../../src/aws/adapters.js'
import {BatchAdapter} from '../../src/aws/batch/batch-adapter.js'
import {AwsClients} from '../../src/aws/clients.js'
import {EcrAdapter} from '../../src/aws/ecr/ecr-adapter.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {validateFile} from '../../src/config/validate-file.js'
import {desiredModel} from '../../src/desired/index.js'
import type {EmulatorOptions} from '../../src/local/emulator.js'
import type {LiveSnapshot, Model, ResourceKind} from '../../src/model/index.js'
import {executionOrder, plan, type Plan, type Step} from '../../src/plan/index.js'
import {readSnapshot, snapshotQuery} from '../../src/services/planning.js'
import {repoRoot} from '../helpers/cli.js'
import {startEmulator} from '../helpers/emulator.js'

/**
 * A small stand-in for the apply engine: the emulator over HTTP, real SDK clients, the Batch and
 * ECR adapters, and a sequential loop over `executionOrder(plan)`.
 */
export async function harness(options: EmulatorOptions & {region?: string} = {}) {
  const {region = 'us-east-1', ...emulatorOptions} = options
  const {emulator} = await startEmulator({
    services: {batch: {transitionMs: 200}},
    clock: {speed: 20},
    ...emulatorOptions,
  })
  const clients = new AwsClients({region, endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
  // Only the adapters under test (createAdapters also registers the other services'), so call counts are theirs.
  const registry = registryOf([new BatchAdapter(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}}), new EcrAdapter(clients)])
  return {emulator, clients, registry}
}

/** Physical names the model wants, by kind: the snapshot query. */
export function wantedOf(model: Model): Partial<Record<ResourceKind, string[]>> {
  return snapshotQuery(model).wanted
}

/** The Batch and ECR part of a model (other kinds have no adapter here). */
export function batchAndEcr(model: Model): Model {
  return {...model, resources: model.resources.filter((r) => r.service === 'batch' || r.service === 'ecr')}
}

export function snapshotOf(registry: AdapterRegistry, model: Model): Promise<LiveSnapshot> {
  return readSnapshot(registry.adapters, snapshotQuery(model))
}

/** Runs every step of a plan in execution order; `after` sees each finished step. */
export async function applyPlan(
  registry: AdapterRegistry,
  p: Plan,
  hooks: {after?: (step: Step) => void | Promise<void>; progress?: (step: Step, event: StepProgress) => void} = {},
): Promise<Step[]> {
  if (p.errors.length > 0) throw new Error(`plan has errors: ${p.errors.map((e) => e.message).join('; ')}`)
  const done: Step[] = []
  const signal = new AbortController().signal
  for (const step of executionOrder(p)) {
    const change = p.changes.find((c) => c.id === step.changeId)!
    await registry.forKind(step.kind).execute(step, {plan: p, change, signal, progress: (event) => hooks.progress?.(step, event)})
    done.push(step)
    await hooks.after?.(step)
  }
  return done
}

/** Plans the model against what AWS has now. */
export async function planNow(registry: AdapterRegistry, model: Model): Promise<{plan: Plan; snapshot: LiveSnapshot}> {
  const snapshot = await snapshotOf(registry, model)
  return {plan: plan(model, snapshot), snapshot}
}

/** An example's batch.yaml as a validated config. */
export function exampleConfig(name: string): BatchConfig {
  const result = validateFile(join(repoRoot, 'examples', name, 'batch.yaml'))
  if (result.config === undefined) throw new Error(`examples/${name} is invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`)
  return result.config
}

/** An example's Batch and ECR model, its images as if pushed (digest URIs). */
export function exampleModel(config: BatchConfig, account = '123456789012'): Model {
  const imageUris = Object.fromEntries(
    Object.keys(config.images ?? {}).map((key) => [key, `${account}.dkr.ecr.${config.region}.amazonaws.com/${config.project}-${key}@sha256:${'a'.repeat(64)}`]),
  )
  return batchAndEcr(desiredModel(config, {imageUris}))
}
