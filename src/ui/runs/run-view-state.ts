import type {RunEvent, StepStatus} from '../../runs/run-events.js'
import {summarizeCause} from './run-text.js'

/** One step as the live run view draws it. */
export interface RunStepRow {
  step: string
  status: StepStatus
  startedAt?: number
  endedAt?: number
  caught?: boolean
  /** Error and short cause of a failure. */
  detail?: string
  /** The latest Batch job and its progress (`RUNNING 7/10 done`), or Map iterations. */
  progress?: string
}

/** Everything the live run view shows: plain data folded from run events. */
export interface RunViewState {
  title?: string
  steps: RunStepRow[]
  outcome?: {status: string; detail?: string; durationMs?: number}
}

export const initialRunView: RunViewState = {steps: []}

function withStep(state: RunViewState, step: string, change: (row: RunStepRow) => RunStepRow): RunViewState {
  const exists = state.steps.some((row) => row.step === step)
  const steps = exists ? state.steps : [...state.steps, {step, status: 'pending' as const}]
  return {...state, steps: steps.map((row) => (row.step === step ? change(row) : row))}
}

function failure(error?: string, cause?: string): string | undefined {
  const parts = [error, summarizeCause(cause)].filter((p): p is string => p !== undefined && p !== '')
  return parts.length > 0 ? parts.join(': ') : undefined
}

/** Folds one run event into the view state (pure). */
export function runViewReducer(state: RunViewState, event: RunEvent): RunViewState {
  switch (event.type) {
    case 'started':
      return {...state, title: `${event.workflow} · ${event.name}${event.reused ? ' (started earlier)' : ''}`}
    case 'steps':
      return event.steps.reduce((s, step) => withStep(s, step, (row) => row), state)
    case 'step':
      return withStep(state, event.step, (row) => {
        if (event.status === 'running') return {step: row.step, status: 'running', startedAt: event.timestamp}
        const detail = failure(event.error, event.cause)
        return {...row, status: event.status, endedAt: event.timestamp, ...(event.caught ? {caught: true} : {}), ...(detail ? {detail} : {})}
      })
    case 'job':
      return withStep(state, event.step, (row) => ({...row, progress: `job ${event.jobId}`}))
    case 'job-progress': {
      const counts = event.statusSummary
      const done = counts && event.arraySize !== undefined ? ` ${(counts.SUCCEEDED ?? 0) + (counts.FAILED ?? 0)}/${event.arraySize} done` : ''
      return withStep(state, event.step, (row) => ({...row, progress: `job ${event.jobId} ${event.status}${done}`}))
    }
    case 'map-progress':
      return withStep(state, event.step, (row) => ({
        ...row,
        progress: `${event.succeeded + event.failed}/${event.length} iterations${event.failed ? `, ${event.failed} failed` : ''}`,
      }))
    case 'finished': {
      const detail = event.status === 'SUCCEEDED' ? undefined : failure(event.error, event.cause)
      return {
        ...state,
        outcome: {status: event.status, ...(detail ? {detail} : {}), ...(event.stopDate !== undefined ? {durationMs: event.stopDate - event.startDate} : {})},
      }
    }
  }
}
