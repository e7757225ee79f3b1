import {colorEnabled, painter} from '../shared/colors.js'
import {isInteractive, mountLive, type OutputStream} from '../shared/mount.js'
import {ApplyView} from './ApplyView.js'
import {initialProgress, progressReducer, type ProgressAction} from './progress-state.js'
import {eventJsonLine, textProgress} from './progress-text.js'

/** `live`: the Ink view on a terminal; `text`: plain lines when piped; `json`: NDJSON events. */
export type ProgressMode = 'live' | 'text' | 'json'

/** A progress renderer for `applyPlan`'s `onEvent` (plus `interrupt-requested` on Ctrl-C). */
export interface ApplyProgress {
  dispatch(action: ProgressAction): void
  /** Call once apply has returned: the live view draws its last frame and lets go of the terminal. */
  close(): Promise<void>
}

/** The usual choice: `--json` wins, then a live view on an interactive stream, else plain lines. */
export function progressMode(options: {json?: boolean; stream: {isTTY?: boolean}; env?: NodeJS.ProcessEnv}): ProgressMode {
  if (options.json) return 'json'
  return isInteractive(options.stream, options.env) ? 'live' : 'text'
}

/**
 * Apply progress in one of the three renderings. Live and text progress go to stderr by default
 * (stdout is for data); pass stdout for `json` when the events are the command's output.
 *
 * @example
 * const progress = applyProgress(progressMode({json: flags.json, stream: process.stderr}))
 * process.on('SIGINT', () => {
 *   progress.dispatch({type: 'interrupt-requested', at: Date.now()})
 *   controller.abort()
 * })
 * const result = await applyPlan(plan, {adapters, signal: controller.signal, onEvent: progress.dispatch})
 * await progress.close()
 */
export function applyProgress(mode: ProgressMode, options: {stream?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv} = {}): ApplyProgress {
  const stream: NodeJS.WriteStream = options.stream ?? process.stderr
  switch (mode) {
    case 'live': {
      let state = initialProgress
      const live = mountLive((props: typeof state, now: number) => <ApplyView state={props} now={now} />, state, {stream, ...(options.env ? {env: options.env} : {})})
      return {
        dispatch(action) {
          state = progressReducer(state, action)
          live.update(state)
        },
        close: () => live.unmount(),
      }
    }
    case 'text': {
      const out: OutputStream = stream
      const feed = textProgress((text) => out.write(text), painter(colorEnabled(stream.isTTY, options.env)))
      return {dispatch: feed, close: async () => {}}
    }
    case 'json':
      return {
        dispatch(action) {
          // Only the engine's own events: `--json` consumers get ApplyEvent and nothing else.
          if (action.type !== 'interrupt-requested') stream.write(eventJsonLine(action))
        },
        close: async () => {},
      }
    default: {
      const _exhaustive: never = mode
      throw new Error(`unknown progress mode ${String(mode)}`)
    }
  }
}
