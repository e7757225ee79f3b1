import type {ExecutionStatus} from './executions-api.js'

/** A step's state as `run --follow` derives it from the execution history. */
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed'

/**
 * What following a run reports, in order: one `started`, the step list, each step transition
 * once, the Batch job behind a step when it is submitted, array / Map progress when it changes,
 * and one `finished`. `--json` prints these as NDJSON; views render them.
 */
export type RunEvent =
  | {type: 'started'; workflow: string; executionArn: string; name: string; startDate: number; reused: boolean}
  | {type: 'steps'; steps: string[]}
  | {type: 'step'; step: string; status: Exclude<StepStatus, 'pending'>; timestamp: number; error?: string; cause?: string; caught?: boolean}
  | {type: 'job'; step: string; jobId: string; jobName?: string; timestamp: number}
  | {type: 'job-progress'; step: string; jobId: string; status: string; arraySize?: number; statusSummary?: Record<string, number>}
  | {type: 'map-progress'; step: string; length: number; succeeded: number; failed: number}
  | {type: 'finished'; executionArn: string; status: ExecutionStatus; startDate: number; stopDate?: number; error?: string; cause?: string; output?: string}

/** Terminal execution states; all but SUCCEEDED make `run` exit 1. */
export const TERMINAL_STATUSES: readonly ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']
