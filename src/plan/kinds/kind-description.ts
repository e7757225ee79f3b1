import type {Link, ResourceKind, SpecByKind} from '../../model/index.js'
import type {UpdateFlavour} from '../change.js'

/** One spec difference as the planner found it (links already resolved to physical names). */
export interface RawDiff {
  path: string
  before: unknown
  after: unknown
}

/** How a kind carries out a set of spec differences. */
export type Decision = {action: 'update'; flavour: UpdateFlavour} | {action: 'replace'; forcedBy: string[]}

/**
 * What the planner needs to know about one resource kind: AWS's update rules, in data where
 * possible. One file per kind in this folder; the table is in ./index.ts.
 */
export interface KindDescription<K extends ResourceKind> {
  kind: K
  /** The resource itself carries tags (ownership is read from them). Schedules cannot. */
  taggable: boolean
  /** AWS refuses to delete it until it is DISABLED (Batch compute environments and job queues). */
  disableBeforeDelete: boolean
  /** Create the replacement first (needs a unique new name) or delete the old one first (name must stay). */
  replaceOrder: 'create-before-delete' | 'delete-before-create'
  /**
   * A create-before-delete replace that keeps the logical name gets a generated name,
   * `${name}-${hash8}` cut to `maxNameLength` (see ../replacement-name.ts), alternating back to
   * `${name}` on the next replace.
   */
  generatedNameOnReplace: boolean
  /** The longest name AWS accepts for the kind (from its Create call's API reference). */
  maxNameLength: number
  /**
   * Decides update flavour or replace for a non-empty list of spec diffs (tags are handled by
   * the planner: always in place). `before`/`after` are normalized live/desired specs.
   */
  decide(diffs: readonly RawDiff[], before: SpecByKind[K], after: SpecByKind[K]): Decision
  /** Diffs whose values must never be shown (judged by path and by the values themselves). */
  isSensitive(path: string, before: unknown, after: unknown): boolean
  /** Identity besides the name, e.g. a schedule's group. Two resources of a kind with equal scope and name are the same. */
  scope?(spec: SpecByKind[K], resolve: (link: Link) => string): string
}

/** Shorthand for kinds whose every change is in place. */
export function inPlace(): Decision {
  return {action: 'update', flavour: 'in-place'}
}

/** No field of the kind is sensitive. */
export function nothingSensitive(): boolean {
  return false
}
