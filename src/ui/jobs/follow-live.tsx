import type {FollowEvent} from '../../jobs/follow.js'
import {isInteractive, mountLive} from '../shared/mount.js'
import {followReducer, initialFollowState, linesDrawn, type PrintedLine, printedLine, withLines} from './follow-state.js'
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

/**
 * Mounts JobsView on stdout; lines go to `<Static>`, the status area is redrawn below them.
 * Events are drawn together at most every `frameMs` (default 50): a draw is a whole Ink render,
 * so drawing each of thousands of lines per second on its own would cost a render per line.
 */
export function mountFollowLive(options: {timestamps?: boolean; stream?: NodeJS.WriteStream; frameMs?: number} = {}): FollowLive {
  let state = initialFollowState()
  const live = mountLive((props: typeof state, now: number) => <JobsView state={props} now={now} timestamps={options.timestamps ?? false} />, state, {
    stream: options.stream ?? process.stdout,
  })
  let timer: NodeJS.Timeout | undefined
  // Lines of this frame, in order; status events between them change only the status area.
  let pending: PrintedLine[] = []
  const draw = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    state = withLines(state, pending)
    pending = []
    live.update(state)
    // rerender commits synchronously and Ink writes <Static> output at once.
    state = linesDrawn(state)
  }
  return {
    onEvent(event) {
      if (event.type === 'log') pending.push(printedLine(event, state.lineCount + pending.length))
      else state = followReducer(state, event)
      // The end is drawn at once; everything else waits for the frame.
      if (event.type === 'done') draw()
      else timer ??= setTimeout(draw, options.frameMs ?? 50)
    },
    close: () => {
      if (timer) draw()
      return live.unmount()
    },
  }
}
