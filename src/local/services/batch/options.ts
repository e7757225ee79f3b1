import type {Emulator} from '../../emulator.js'

/** Emulator options for Batch (`new Emulator({services: {batch: {...}}})`). Times are virtual ms. */
export interface BatchOptions {
  /** Time a compute environment or job queue spends CREATING / UPDATING / DELETING (default 1000). */
  transitionMs?: number
  /**
   * After a compute environment is detached from a queue, deleting it fails with AWS's
   * "found existing JobQueue relationship" for this long (default 0: off).
   */
  eventualConsistencyMs?: number
  /** Time between SUBMITTED → PENDING → RUNNABLE and RUNNABLE → STARTING → RUNNING (default 500). */
  jobTransitionMs?: number
  /**
   * How long a simulated job runs when nothing says otherwise (default 2000). Per job
   * definition or job, the container environment or parameters `BATCHCTL_SIM_DURATION_MS`,
   * `BATCHCTL_SIM_EXIT_CODE`, `BATCHCTL_SIM_FAIL_INDEXES` and `BATCHCTL_SIM_LOG_LINES` steer
   * the simulation (see `jobs/sim-settings.ts`); `exec: true` runs commands for real instead.
   */
  jobDurationMs?: number
}

export const DEFAULT_BATCH_OPTIONS: Required<BatchOptions> = {
  transitionMs: 1000,
  eventualConsistencyMs: 0,
  jobTransitionMs: 500,
  jobDurationMs: 2000,
}

export function batchOptions(emulator: Emulator): Required<BatchOptions> {
  return {...DEFAULT_BATCH_OPTIONS, ...(emulator.options.services?.batch as BatchOptions | undefined)}
}
