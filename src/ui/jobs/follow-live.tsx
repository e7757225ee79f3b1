import type {FollowEvent} from '../../jobs/follow.js'
import {isInteractive, mountLive} from '../shared/mount.js'
import {followReducer, initialFollowState, linesDrawn} from './follow-state.js'
import {JobsView} from './JobsView.js'

/** A live follow view: feed it events, close it once the follow has returned. */
export interface FollowLive {
  onEvent(event: FollowEvent): void
  close(): Promise<void>
}

/**
 * Whether the live view fits: both stdout and stderr a terminal (log lines are data and would
 * otherwise go through a redirection; the view draws them on stdout with the progress).
 */
export function canFollowLive(env: NodeJS.ProcessEnv = process.env): boolean {
  return isInteractive(process.stdout, env) && isInteractive(process.stderr, env)
}

/** Mounts JobsView on stdout; lines go to `<Static>`, the status area is redrawn below them. */
export function mountFollowLive(options: {timestamps?: boolean; stream?: NodeJS.WriteStream} = {}): FollowLive {
  let state = initialFollowState()
  const live = mountLive((props: typeof state, now: number) => <JobsView state={props} now={now} timestamps={options.timestamps ?? false} />, state, {
    stream: options.stream ?? process.stdout,
  })
  return {
    onEvent(event) {
      state = followReducer(state, event)
      live.update(state)
      // rerender commits synchronously and Ink writes <Static> output at once.
      state = linesDrawn(state)
    },
    close: () => live.unmount(),
  }
}
