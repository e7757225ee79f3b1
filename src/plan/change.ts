import type {
  AnyLiveResource,
  AnyResource,
  JobDefinitionRevision,
  ResourceKind,
  ServiceName,
} from '../model/index.js'

/** One field that differs. `path` is dotted, list items keyed when they have a key: `containerProperties.environment[name=LOG_LEVEL].value`. */
export interface FieldDiff {
  path: string
  /** Value live AWS has (undefined: absent). Replaced by SENSITIVE_VALUE when `sensitive`. */
  before: unknown
  /** Value batch.yaml wants (undefined: absent). Replaced by SENSITIVE_VALUE when `sensitive`. */
  after: unknown
  /** True for secrets and secret-looking environment values: renderers show SENSITIVE_VALUE only. */
  sensitive: boolean
}

/** What a sensitive diff carries instead of its values (the planner never copies them). */
export const SENSITIVE_VALUE = '(sensitive)'

/** The kinds of change; `noop` is computed but never listed in a plan. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete'

/**
 * How an update is carried out:
 * - `in-place`: one update call, nothing is recreated;
 * - `infrastructure-update`: a compute environment update that makes AWS replace its instances
 *   (slower; running jobs may be stopped per the CE's update policy);
 * - `new-revision`: job definitions are immutable, so a new revision is registered and older
 *   ACTIVE revisions beyond `keepRevisions` are deregistered. It is an update (not a replace)
 *   because the name, and every link to it, stays the same.
 */
export type UpdateFlavour = 'in-place' | 'infrastructure-update' | 'new-revision'

/** One operation apply performs. Steps form a DAG across changes (see `dependsOn`). */
export type StepOp =
  | 'create'
  | 'update'
  | 'register-revision'
  | 'deregister-revisions'
  | 'disable'
  | 'delete'

/** A unit of work for apply: one or a few AWS calls on one physical resource. */
export interface Step {
  /** Unique within the plan, e.g. `batch.computeEnvironment/spot#create`. */
  id: string
  /** The change this step belongs to. */
  changeId: string
  op: StepOp
  kind: ResourceKind
  /** The physical resource the step acts on (the new name for a replace's create). */
  physicalName: string
  /** Steps that must have finished first. Steps with no path between them may run in parallel. */
  dependsOn: string[]
  /** `deregister-revisions` only: the revisions to deregister. */
  revisions?: JobDefinitionRevision[]
  /** Why this step exists, for progress views (e.g. "detach from queues happened in …"). */
  note?: string
}

interface ChangeBase {
  /** Unique within the plan: `kind/logicalName` for desired resources, `kind/physicalName` for deletes (prefixed `-`). */
  id: string
  kind: ResourceKind
  service: ServiceName
  /** The batch.yaml key; for deletes the `batchctl:logical-name` tag when present. */
  logicalName?: string
  /** The physical name after apply (for a delete: the name being deleted). */
  physicalName: string
  diffs: FieldDiff[]
  /** Changes some step of this one waits for. May be mutual (a CE replace and a queue update interleave): schedule by `steps`, not by this. */
  dependsOn: string[]
  /** What apply runs, in order within the change; cross-change order is in each step's `dependsOn`. */
  steps: Step[]
}

/** `+` a resource batch.yaml wants and AWS does not have. */
export interface CreateChange extends ChangeBase {
  action: 'create'
  desired: AnyResource
  /** Every tag to write: user tags plus ownership tags. */
  tags: Record<string, string>
  specHash: string
}

/** `~` a resource changed in place (or by a new revision). */
export interface UpdateChange extends ChangeBase {
  action: 'update'
  flavour: UpdateFlavour
  desired: AnyResource
  live: AnyLiveResource
  tags: Record<string, string>
  specHash: string
  /** `new-revision` only: the ACTIVE revisions that fall beyond `keepRevisions`. */
  deregisterRevisions?: JobDefinitionRevision[]
}

/** `-/+` a resource AWS cannot change in place: a new one is made and the old one removed. */
export interface ReplaceChange extends ChangeBase {
  action: 'replace'
  /** Create the new one first (the default; needs a new name) or delete first (names that must stay, e.g. ECR repositories). */
  order: 'create-before-delete' | 'delete-before-create'
  /** The diff paths that force the replace. */
  forcedBy: string[]
  /** The name being removed (may equal `physicalName` for delete-before-create). */
  oldPhysicalName: string
  desired: AnyResource
  live: AnyLiveResource
  tags: Record<string, string>
  specHash: string
}

/** `-` a resource this project owns that batch.yaml no longer wants. */
export interface DeleteChange extends ChangeBase {
  action: 'delete'
  live: AnyLiveResource
}

/** A closed union: switch on `action` with assertNever in the default branch. */
export type Change = CreateChange | UpdateChange | ReplaceChange | DeleteChange

/** Why a plan cannot be applied as is. Never a change: nothing is touched for these. */
export interface PlanError {
  /**
   * `conflict`: a wanted name is held by a resource this project/env does not own.
   * `unmanaged-schedule-group`: a schedule outside the model's schedule groups (schedules cannot
   * be tagged, so batchctl owns them only through a group it owns).
   */
  code: 'conflict' | 'duplicate-name' | 'dangling-reference' | 'dependency-cycle' | 'unmanaged-schedule-group'
  kind: ResourceKind
  logicalName?: string
  physicalName: string
  message: string
  /** Next steps, e.g. `batchctl import batch.jobQueue default`. */
  hints: string[]
}

/** Counts shown under a plan. */
export interface PlanSummary {
  add: number
  change: number
  replace: number
  destroy: number
}

/** The result of planning. Serializable as JSON (no functions, no class instances). */
export interface Plan {
  project: string
  env?: string
  /** Listed in an order that respects dependencies (by each change's first step). */
  changes: Change[]
  errors: PlanError[]
  /** Physical name each desired resource has after apply, by `refKey`: how apply resolves `{ref}` links. */
  names: Record<string, string>
  summary: PlanSummary
  /**
   * Hashes of the inputs (canonical JSON, order-independent): apply re-reads live AWS, and a
   * saved plan whose `live` fingerprint no longer matches is stale and must be refused.
   */
  fingerprint: {desired: string; live: string}
}

/** Options of `plan()`. */
export interface PlanOptions {
  /** ACTIVE job definition revisions kept besides the newest one. Default 1. */
  keepRevisions?: number
  /**
   * Resources to adopt (`batchctl import`), by refKey (`batch.jobQueue/default`): a live resource
   * with the wanted name and no batchctl:project tag is planned as ours — at least an in-place
   * update writing the ownership tags — instead of a conflict. Schedules are adopted through
   * their schedule group.
   */
  adopt?: string[]
}
