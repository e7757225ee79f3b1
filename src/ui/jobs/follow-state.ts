import type {FollowEvent} from '../../jobs/follow.js'
import type {JobStatus} from '../../jobs/jobs-api.js'
import type {StatusCounts} from '../../jobs/watch.js'

/** One printed log line (finished output: drawn once by `<Static>`). */
export interface PrintedLine {
  key: number
  label: string
  timestamp: number
  message: string
}

export interface ChildFailure {
  label: string
  reason?: string
  exitCode?: number
}

/** Everything the live job view draws; built from follow events by `followReducer`. */
export interface FollowState {
  jobId?: string
  jobName?: string
  status?: JobStatus
  statusReason?: string
  /** Array jobs: children by status, and how many there are. */
  counts?: StatusCounts
  total?: number
  failures: ChildFailure[]
  /** Log lines not drawn yet: the live view draws them once (`<Static>`) and starts a new batch. */
  lines: PrintedLine[]
  /** Number of the current batch of lines (the `<Static>` key: a new batch is a new `<Static>`). */
  batch: number
  /** Lines received in all. */
  lineCount: number
  warnings: string[]
  done: boolean
  /** When the job was first seen (for the elapsed time). */
  since?: number
}

export function initialFollowState(): FollowState {
  return {failures: [], lines: [], batch: 0, lineCount: 0, warnings: [], done: false}
}

/**
 * After a draw: the drawn lines leave the state (a follow can print millions) and the next ones
 * start a new batch. Ink writes `<Static>` output on the commit itself, so nothing is lost.
 */
export function linesDrawn(state: FollowState): FollowState {
  return state.lines.length === 0 ? state : {...state, lines: [], batch: state.batch + 1}
}

/**
 * Log lines appended in one step: the live view gathers a frame's lines and adds them at once,
 * since appending one at a time copies the waiting lines each time (quadratic in a burst).
 */
export function withLines(state: FollowState, lines: readonly PrintedLine[]): FollowState {
  if (lines.length === 0) return state
  return {...state, lines: [...state.lines, ...lines], lineCount: state.lineCount + lines.length}
}

/** A log event as the line the view prints, numbered after `lineCount` lines. */
export function printedLine(event: Extract<FollowEvent, {type: 'log'}>, key: number): PrintedLine {
  return {key, label: event.line.stream.label, timestamp: event.line.timestamp, message: event.line.message}
}

/** The next view state after one event (`now` only stamps when following began). */
export function followReducer(state: FollowState, event: FollowEvent, now = Date.now()): FollowState {
  switch (event.type) {
    case 'status':
      return {
        ...state,
        jobId: state.jobId ?? event.jobId,
        ...(event.jobName && state.jobName === undefined ? {jobName: event.jobName} : {}),
        status: event.status,
        ...(event.reason ? {statusReason: event.reason} : {}),
        since: state.since ?? now,
      }
    case 'counts':
      return {...state, counts: event.counts, total: event.total}
    case 'child-failed':
      return {
        ...state,
        failures: [
          ...state.failures,
          {label: event.label || event.jobId, ...(event.reason ? {reason: event.reason} : {}), ...(event.exitCode !== undefined ? {exitCode: event.exitCode} : {})},
        ],
      }
    case 'log':
      return withLines(state, [printedLine(event, state.lineCount)])
    case 'done':
      return {...state, jobName: event.job.jobName, status: event.status, ...(event.reason ? {statusReason: event.reason} : {}), done: true}
    case 'warning':
      return {...state, warnings: [...state.warnings, event.message]}
    case 'streams':
      return state
    default: {
      const _exhaustive: never = event
      return state
    }
  }
}
