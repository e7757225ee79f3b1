import type {ApplyEvent, ApplyResult, StepInfo} from '../../apply/events.js'

/** Where one step stands, as the progress views show it. */
export type StepStatus =
  | {state: 'pending'}
  /** `call`: the AWS operation last reported by the adapter, if any. */
  | {state: 'running'; since: number; call?: string}
  /** The adapter polls AWS until the resource reaches `for` (e.g. VALID); `status` is the last one seen. */
  | {state: 'waiting'; since: number; for: string; status?: string}
  /** `attempt` failed with a retryable `error`; the engine tries again after a pause. */
  | {state: 'retrying'; since: number; attempt: number; error: string}
  | {state: 'done'; durationMs: number}
  | {state: 'failed'; error: string}

/** A step and its status. */
export interface StepLine {
  step: StepInfo
  status: StepStatus
}

/** Everything the progress views render, folded from apply events by `progressReducer`. */
export interface ProgressState {
  /** Every step, in the order apply announced them. */
  lines: StepLine[]
  /** Ids of finished steps (done or failed), in the order they finished: append-only, for Ink's `<Static>`. */
  finished: string[]
  startedAt?: number
  /** Set when the user pressed Ctrl-C: running steps are stopping, no new ones start. */
  interruptedAt?: number
  /** Set by `apply-finished`. */
  result?: ApplyResult
}

/** What the reducer accepts: the engine's events, plus the command noticing Ctrl-C before apply has stopped. */
export type ProgressAction = ApplyEvent | {type: 'interrupt-requested'; at: number}

export const initialProgress: ProgressState = {lines: [], finished: []}

function setStatus(state: ProgressState, step: StepInfo, status: StepStatus): ProgressState {
  const known = state.lines.some((line) => line.step.id === step.id)
  // A step apply did not announce still gets a line rather than being lost.
  const lines = known
    ? state.lines.map((line) => (line.step.id === step.id ? {step: line.step, status} : line))
    : [...state.lines, {step, status}]
  const finishing = (status.state === 'done' || status.state === 'failed') && !state.finished.includes(step.id)
  return {...state, lines, finished: finishing ? [...state.finished, step.id] : state.finished}
}

function statusOf(state: ProgressState, id: string): StepStatus | undefined {
  return state.lines.find((line) => line.step.id === id)?.status
}

/** The time a step started, kept across progress reports and retries. */
function sinceOf(state: ProgressState, id: string, fallback: number): number {
  const status = statusOf(state, id)
  return status && 'since' in status ? status.since : fallback
}

/** Folds one event into the state. Pure: returns a new state, never mutates. */
export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  switch (action.type) {
    case 'apply-started':
      return {
        ...state,
        startedAt: action.at,
        lines: action.steps.map((step) => state.lines.find((line) => line.step.id === step.id) ?? {step, status: {state: 'pending'}}),
      }
    case 'step-started':
      return setStatus(state, action.step, {state: 'running', since: action.at})
    case 'step-progress': {
      const since = sinceOf(state, action.step.id, action.at)
      const progress = action.progress
      return progress.type === 'waiting'
        ? setStatus(state, action.step, {state: 'waiting', since, for: progress.for, ...(progress.status === undefined ? {} : {status: progress.status})})
        : setStatus(state, action.step, {state: 'running', since, call: progress.operation})
    }
    case 'step-retrying':
      return setStatus(state, action.step, {state: 'retrying', since: sinceOf(state, action.step.id, action.at), attempt: action.attempt, error: action.error})
    case 'step-done':
      return setStatus(state, action.step, {state: 'done', durationMs: action.durationMs})
    case 'step-failed':
      return setStatus(state, action.step, {state: 'failed', error: action.error})
    case 'apply-finished':
      return {...state, result: action.result}
    case 'interrupt-requested':
      return state.interruptedAt === undefined ? {...state, interruptedAt: action.at} : state
    default: {
      // Unknown events (a newer engine) change nothing rather than crash the view.
      const _exhaustive: never = action
      return state
    }
  }
}

/** Steps running, waiting or retrying, in plan order. */
export function activeLines(state: ProgressState): StepLine[] {
  return state.lines.filter((line) => line.status.state === 'running' || line.status.state === 'waiting' || line.status.state === 'retrying')
}

/** Steps not started yet, in plan order. */
export function pendingLines(state: ProgressState): StepLine[] {
  return state.lines.filter((line) => line.status.state === 'pending')
}

/** Finished steps in the order they finished. */
export function finishedLines(state: ProgressState): StepLine[] {
  const byId = new Map(state.lines.map((line) => [line.step.id, line]))
  return state.finished.flatMap((id) => {
    const line = byId.get(id)
    return line ? [line] : []
  })
}
