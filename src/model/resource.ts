import type {ResourceRef} from './link.js'
import type {ResourceKind, ServiceName} from './resource-kind.js'
import type {SpecByKind} from './spec-by-kind.js'

/**
 * One resource of the desired model, normalized and independent of batch.yaml's layout.
 * `spec` is typed by `kind` (use `AnyResource` to get the discriminated union).
 */
export interface Resource<K extends ResourceKind = ResourceKind> {
  kind: K
  /** The key in batch.yaml, e.g. `spot` for `computeEnvironments.spot`. */
  logicalName: string
  /** The AWS name it gets, e.g. `genomics-prod-spot`. */
  physicalName: string
  service: ServiceName
  spec: SpecByKind[K]
  /** Extra ordering edges beyond the `{ref}` links inside `spec` (which count too). */
  dependsOn: ResourceRef[]
  /** User tags. Ownership tags (batchctl:*) are added by apply, never listed here. */
  tags: Record<string, string>
}

/** The discriminated union of resources: narrowing on `kind` narrows `spec`. */
export type AnyResource = {[K in ResourceKind]: Resource<K>}[ResourceKind]

/** A job definition revision as AWS lists it. */
export interface JobDefinitionRevision {
  revision: number
  arn: string
  status: 'ACTIVE' | 'INACTIVE'
}

/** What AWS reports for a resource, in the same normalized shape plus AWS-only facts. */
export interface LiveResource<K extends ResourceKind = ResourceKind> {
  kind: K
  physicalName: string
  service: ServiceName
  arn: string
  /** Spec as the adapter read it: links are `{external: arn-or-name}`. Normalized by the planner. */
  spec: SpecByKind[K]
  /** All tags AWS returned, ownership tags included. Schedules have none (not taggable). */
  tags: Record<string, string>
  /** e.g. VALID/INVALID/CREATING for Batch, ACTIVE for state machines. Informational. */
  status?: string
  statusReason?: string
  /** Job definitions: the revision `spec` was read from (the latest ACTIVE one). */
  revision?: number
  /** Job definitions: every revision under this name, ACTIVE and INACTIVE. */
  revisions?: JobDefinitionRevision[]
}

/** The discriminated union of live resources. */
export type AnyLiveResource = {[K in ResourceKind]: LiveResource<K>}[ResourceKind]

/** The desired state derived from batch.yaml. */
export interface Model {
  project: string
  /** Optional environment (e.g. `prod`); part of ownership, so two envs never touch each other. */
  env?: string
  resources: AnyResource[]
}

/** Everything the adapters read from AWS for one plan: all resources of the kinds batchctl manages that could matter (owned, or with a wanted name). */
export interface LiveSnapshot {
  resources: AnyLiveResource[]
}
