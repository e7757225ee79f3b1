import type {RunEvent} from '../../runs/run-events.js'
import {isInteractive, mountLive} from '../shared/mount.js'
import {RunView} from './RunView.js'
import {initialRunView, runViewReducer, type RunViewState} from './run-view-state.js'

/** A live run view: feed it events, close it once following has returned. */
export interface RunLive {
  onEvent(event: RunEvent): void
  close(): Promise<void>
}

/** Whether to draw the live view: progress goes to stderr, so stderr must be a terminal. */
export function canShowRunLive(env: NodeJS.ProcessEnv = process.env): boolean {
  return isInteractive(process.stderr, env)
}

/** Mounts RunView on stderr (progress), leaving stdout for the outcome line. */
export function mountRunLive(stream: NodeJS.WriteStream = process.stderr): RunLive {
  let state: RunViewState = initialRunView
  const live = mountLive((props: RunViewState, now: number) => <RunView state={props} now={now} />, state, {stream})
  return {
    onEvent(event) {
      state = runViewReducer(state, event)
      live.update(state)
    },
    close: () => live.unmount(),
  }
}
