import type {AnyLiveResource, ResourceKind} from '../model/index.js'
import type {Change, Plan, Step} from '../plan/index.js'

/**
 * The contract between the apply engine and the per-service adapters in src/aws. The engine
 * decides order, concurrency and retries of whole steps; an adapter carries out one step
 * (one or a few AWS calls on one physical resource) and waits until AWS has settled it.
 */

/** What an adapter reports while a step runs (shown by the progress views). */
export type StepProgress =
  | {type: 'call'; operation: string}
  | {type: 'waiting'; for: string; status?: string}

export interface StepContext {
  /** The plan being applied: `plan.names` resolves `{ref}` links to physical names. */
  plan: Plan
  /** The change the step belongs to (desired spec, live resource, tags to write). */
  change: Change
  /** Aborted on Ctrl-C or when another step failed: stop waiting, do not start new calls. */
  signal: AbortSignal
  progress(event: StepProgress): void
}

/** Reads and changes one service's resources. Implementations live in src/aws. */
export interface ServiceAdapter {
  /** The kinds this adapter reads and changes. */
  kinds: readonly ResourceKind[]
  /**
   * Live resources of these kinds that matter for the project: every resource it owns (by
   * ownership tags) and every resource holding a wanted physical name, owned or not.
   */
  read(query: SnapshotQuery): Promise<AnyLiveResource[]>
  /** Carries out one step and resolves once AWS reports it done (VALID, gone, registered, ...). */
  execute(step: Step, context: StepContext): Promise<void>
}

export interface SnapshotQuery {
  project: string
  env?: string
  /** Physical names batch.yaml wants, by kind. */
  wanted: Partial<Record<ResourceKind, string[]>>
}
