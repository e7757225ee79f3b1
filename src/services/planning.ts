import type {ServiceAdapter, SnapshotQuery} from '../apply/adapter.js'
import type {LoadedConfig} from '../config/load-config.js'
import {desiredModel} from '../desired/index.js'
import {loadWorkflowDefinitions} from '../workflows/load-definitions.js'
import type {LiveSnapshot, Model, ResourceKind} from '../model/index.js'
import {plan as planChanges, type Plan, type PlanOptions} from '../plan/index.js'

/** What one `plan` produced: the desired model, what AWS had, and the changes between them. */
export interface ProjectPlan {
  model: Model
  query: SnapshotQuery
  snapshot: LiveSnapshot
  plan: Plan
}

/** The snapshot query of a model: its project, env, and the physical names it wants by kind. */
export function snapshotQuery(model: Model): SnapshotQuery {
  const wanted: Partial<Record<ResourceKind, string[]>> = {}
  for (const resource of model.resources) (wanted[resource.kind] ??= []).push(resource.physicalName)
  return {project: model.project, ...(model.env === undefined ? {} : {env: model.env}), wanted}
}

function usesDefinitionFiles(loaded: LoadedConfig): boolean {
  return Object.values(loaded.config.workflows ?? {}).some((workflow) => workflow?.definitionFile !== undefined)
}

/** Reads every service's part of the snapshot in parallel (each adapter batches its own calls). */
export async function readSnapshot(adapters: readonly ServiceAdapter[], query: SnapshotQuery): Promise<LiveSnapshot> {
  const parts = await Promise.all(adapters.map((adapter) => adapter.read(query)))
  return {resources: parts.flat()}
}

export interface PlanProjectOptions extends PlanOptions {
  /** For ARNs in workflow definitions. */
  region?: string
  /** Asked only when a workflow definition file needs ARNs. */
  accountId?: () => Promise<string>
  /** `destroy`: plan as if batch.yaml wanted nothing, so every owned resource is deleted. */
  destroy?: boolean
  imageUris?: Record<string, string>
}

/**
 * batch.yaml (already valid) → desired model → live snapshot → plan. The only I/O is the
 * adapters' reads; nothing changes in AWS.
 */
export async function planProject(
  loaded: LoadedConfig,
  adapters: readonly ServiceAdapter[],
  options: PlanProjectOptions = {},
): Promise<ProjectPlan> {
  const full = desiredModel(loaded.config, {
    ...(loaded.env === undefined ? {} : {env: loaded.env}),
    ...(options.imageUris ? {imageUris: options.imageUris} : {}),
    ...(options.region ? {region: options.region} : {}),
    ...(options.accountId && usesDefinitionFiles(loaded) ? {accountId: await options.accountId()} : {}),
    workflowDefinitions: loadWorkflowDefinitions(loaded.config, loaded.baseDir),
  })
  // Destroy still reads what the file names, so resources holding those names are seen.
  const query = snapshotQuery(full)
  const model: Model = options.destroy ? {...full, resources: []} : full
  const snapshot = await readSnapshot(adapters, query)
  const {destroy: _destroy, imageUris: _imageUris, region: _region, accountId: _accountId, ...planOptions} = options
  return {model, query, snapshot, plan: planChanges(model, snapshot, planOptions)}
}
