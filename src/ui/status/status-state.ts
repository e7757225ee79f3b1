import type {RecentLogLine} from '../../status/recent-logs.js'
import type {StatusSnapshot} from '../../status/snapshot.js'

/** The job whose logs are shown. */
export interface LogPane {
  jobId: string
  jobName: string
  lines: RecentLogLine[]
  /** A read is under way (the first one: nothing to show yet). */
  loading: boolean
  error?: string
}

/** Everything the dashboard shows: a reducer over snapshots, log reads and key presses. */
export interface StatusViewState {
  snapshot?: StatusSnapshot
  /** The last refresh failed (the previous snapshot stays shown). */
  error?: string
  /** The selected job (running jobs, then failures, in screen order). */
  selectedId?: string
  mode: 'list' | 'log'
  log?: LogPane
  quit: boolean
}

/** Keys the dashboard reacts to. */
export type StatusKey = 'up' | 'down' | 'enter' | 'escape' | 'quit'

export type StatusAction =
  | {type: 'snapshot'; snapshot: StatusSnapshot}
  | {type: 'error'; message: string}
  | {type: 'key'; key: StatusKey}
  | {type: 'log'; jobId: string; lines: RecentLogLine[]}
  | {type: 'log-error'; jobId: string; message: string}

export function initialStatusState(): StatusViewState {
  return {mode: 'list', quit: false}
}

/** The jobs a user can select, in the order they are drawn. */
export function selectableJobs(snapshot: StatusSnapshot | undefined): Array<{jobId: string; jobName: string}> {
  if (!snapshot) return []
  return snapshot.queues.flatMap((queue) => [...queue.running, ...queue.failures].map(({jobId, jobName}) => ({jobId, jobName})))
}

export function statusReducer(state: StatusViewState, action: StatusAction): StatusViewState {
  switch (action.type) {
    case 'snapshot': {
      const jobs = selectableJobs(action.snapshot)
      // Keep the selection on the same job; when it left the list, stay at the same place.
      let selectedId = state.selectedId
      if (!jobs.some((job) => job.jobId === selectedId)) {
        const old = selectableJobs(state.snapshot).findIndex((job) => job.jobId === selectedId)
        selectedId = jobs[Math.min(Math.max(old, 0), jobs.length - 1)]?.jobId
      }
      const {error: _error, ...rest} = state
      return {...rest, snapshot: action.snapshot, ...(selectedId !== undefined ? {selectedId} : {selectedId: undefined})}
    }
    case 'error':
      return {...state, error: action.message}
    case 'log':
      if (state.log?.jobId !== action.jobId) return state
      return {...state, log: {jobId: state.log.jobId, jobName: state.log.jobName, lines: action.lines, loading: false}}
    case 'log-error':
      if (state.log?.jobId !== action.jobId) return state
      return {...state, log: {...state.log, loading: false, error: action.message}}
    case 'key':
      return onKey(state, action.key)
  }
}

function onKey(state: StatusViewState, key: StatusKey): StatusViewState {
  if (key === 'quit') return {...state, quit: true}
  if (state.mode === 'log') {
    if (key !== 'escape') return state
    const {log: _log, ...rest} = state
    return {...rest, mode: 'list'}
  }
  const jobs = selectableJobs(state.snapshot)
  const index = jobs.findIndex((job) => job.jobId === state.selectedId)
  if (key === 'up' || key === 'down') {
    if (jobs.length === 0) return state
    const next = key === 'up' ? Math.max(index - 1, 0) : Math.min(index + 1, jobs.length - 1)
    return {...state, selectedId: jobs[next]!.jobId}
  }
  if (key === 'enter') {
    const job = jobs[index]
    if (!job) return state
    return {...state, mode: 'log', log: {jobId: job.jobId, jobName: job.jobName, lines: [], loading: true}}
  }
  return state
}
