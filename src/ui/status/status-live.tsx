import {useInput} from 'ink'

import type {RecentLogLine} from '../../status/recent-logs.js'
import type {StatusSnapshot} from '../../status/snapshot.js'
import {isInteractive, mountLive} from '../shared/mount.js'
import {initialStatusState, type StatusAction, type StatusKey, statusReducer, type StatusViewState} from './status-state.js'
import {StatusView} from './StatusView.js'

/** Turns key presses into dashboard keys; draws nothing. */
function Keys({onKey}: {onKey: (key: StatusKey) => void}) {
  useInput((input, key) => {
    if (key.upArrow) onKey('up')
    else if (key.downArrow) onKey('down')
    else if (key.return) onKey('enter')
    else if (key.escape) onKey('escape')
    // Raw mode delivers Ctrl-C as a key press, not SIGINT.
    else if (input === 'q' || (key.ctrl && input === 'c')) onKey('quit')
  })
  return null
}

/** Whether the dashboard can run: output on a terminal and keys from one. */
export function canShowStatusLive(env: NodeJS.ProcessEnv = process.env): boolean {
  return isInteractive(process.stdout, env) && isInteractive(process.stdin, env)
}

export interface StatusDashboardDeps {
  /** Reads snapshots until the signal aborts, calling `onSnapshot` with each (see `watchStatus`). */
  watch(onSnapshot: (snapshot: StatusSnapshot) => void, onError: (error: Error) => void, signal: AbortSignal): Promise<void>
  /** The recent log lines of a job. */
  readLogs(jobId: string, signal: AbortSignal): Promise<RecentLogLine[]>
  /** Least time between two reads of the open job's logs (default 10 s): an array's read can take many calls. */
  logRefreshMs?: number
  /** Ends the dashboard from outside (SIGTERM). */
  signal?: AbortSignal
  stream?: NodeJS.WriteStream
}

/**
 * Runs the live dashboard until q (or the signal): state is `statusReducer` over snapshots, log
 * reads and keys; the view is redrawn from it. The selected job's logs are read when opened and
 * again after each refresh while they stay open.
 */
export async function runStatusDashboard(deps: StatusDashboardDeps): Promise<void> {
  const stop = new AbortController()
  deps.signal?.addEventListener('abort', () => stop.abort(), {once: true})
  let state: StatusViewState = initialStatusState()
  let reading: string | undefined
  let lastRead = {jobId: '', at: 0}
  const dispatch = (action: StatusAction): void => {
    const before = state
    state = statusReducer(state, action)
    live.update(state)
    if (state.quit) stop.abort()
    const opened = state.mode === 'log' && state.log && before.log?.jobId !== state.log.jobId
    const due = state.log !== undefined && (lastRead.jobId !== state.log.jobId || Date.now() - lastRead.at >= (deps.logRefreshMs ?? 10_000))
    if (opened || (action.type === 'snapshot' && state.mode === 'log' && due)) void readLogs()
  }
  const readLogs = async (): Promise<void> => {
    const jobId = state.log?.jobId
    if (jobId === undefined || reading === jobId) return
    reading = jobId
    lastRead = {jobId, at: Date.now()}
    try {
      dispatch({type: 'log', jobId, lines: await deps.readLogs(jobId, stop.signal)})
    } catch (error) {
      if (!stop.signal.aborted) dispatch({type: 'log-error', jobId, message: (error as Error).message})
    } finally {
      if (reading === jobId) reading = undefined
    }
  }
  const onKey = (key: StatusKey): void => dispatch({type: 'key', key})
  const stream = deps.stream ?? process.stdout
  const live = mountLive(
    (props: StatusViewState, now: number) => (
      <>
        {/* Rows read at each draw: the clock ticks every second, so a resize shows within one. */}
        <StatusView state={props} now={now} {...(stream.rows ? {rows: stream.rows} : {})} />
        <Keys onKey={onKey} />
      </>
    ),
    state,
    {stream, tickMs: 1000},
  )
  try {
    await deps.watch((snapshot) => dispatch({type: 'snapshot', snapshot}), (error) => dispatch({type: 'error', message: error.message}), stop.signal)
  } finally {
    await live.unmount()
  }
}
