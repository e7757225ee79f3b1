import type {Emulator} from '../../emulator.js'

/** What a fake task handler sees: the effective task input and the emulator. */
export interface TaskHandlerContext {
  emulator: Emulator
  region: string
  /** The state's name and the execution's ARN, for handlers that answer differently per state. */
  stateName: string
  executionArn: string
}

/**
 * A task resource the emulator does not know (a Lambda function ARN, an activity...), answered
 * by the test or tool that started the emulator. Throw `TaskFailure` to fail the task with an
 * error name and cause; resolve to produce the task's result.
 */
export type TaskHandler = (input: unknown, ctx: TaskHandlerContext) => unknown

/** Emulator options for Step Functions (`new Emulator({services: {states: {...}}})`). Times are virtual ms. */
export interface SfnOptions {
  /** Task handlers by resource ARN. */
  taskHandlers?: Record<string, TaskHandler>
  /** How often a `.sync` Batch task polls DescribeJobs (default 2000). */
  syncPollMs?: number
  /** How long a deleted state machine stays DELETING before it disappears (default 1000). */
  deleteDelayMs?: number
}

export const DEFAULT_SFN_OPTIONS = {syncPollMs: 2000, deleteDelayMs: 1000}

export function sfnOptions(emulator: Emulator): SfnOptions & typeof DEFAULT_SFN_OPTIONS {
  return {...DEFAULT_SFN_OPTIONS, ...(emulator.options.services?.states as SfnOptions | undefined)}
}

/** A failure a task handler reports: becomes the task's error and cause, as with Lambda's errorType. */
export class TaskFailure extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string = '',
  ) {
    super(`${error}: ${cause}`)
  }
}
