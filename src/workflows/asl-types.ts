/** An Amazon States Language state machine (or a Parallel branch) as batchctl generates it. */
export interface AslMachine {
  Comment?: string
  StartAt: string
  States: Record<string, AslState>
}

/** One state; batchctl writes Task, Parallel and Fail states, with keys in a fixed order. */
export type AslState = Record<string, unknown>

/** A Catch entry (ASL "Catcher"). */
export interface AslCatcher {
  ErrorEquals: string[]
  ResultPath: string
  Next: string
}

/** What a workflow step compiles against: how queues and job definitions are named. */
export interface CompileOptions {
  /** The JobQueue value for a `jobQueues` key (the desired model passes a `{ref}` link). */
  jobQueue: (key: string) => unknown
  /** The JobDefinition value for a `jobDefinitions` key: unversioned, so the latest ACTIVE revision runs. */
  jobDefinition: (key: string) => unknown
  /** Queue key for steps without `queue` (`defaults.queue`). */
  defaultQueue?: string
  /** Share identifier for steps without one (`defaults.shareIdentifier`). */
  defaultShareIdentifier?: string
  /** Batch job names are `<prefix>-<step>`, e.g. the state machine's physical name. */
  jobNamePrefix: string
  comment?: string
}
