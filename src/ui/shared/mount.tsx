import {render, renderToString} from 'ink'
import type {ReactElement} from 'react'

import {colorEnabled} from './colors.js'
import {ColorContext} from './Tone.js'

/** Where a view is written; a subset of `NodeJS.WriteStream` so tests can pass their own. */
export interface OutputStream {
  write(chunk: string): boolean
  isTTY?: boolean
  columns?: number
}

/** Whether CI is set the way Ink (is-in-ci) reads it: present and not `0` / `false`. */
function inCi(env: NodeJS.ProcessEnv): boolean {
  const set = (value: string | undefined) => value !== undefined && value !== '0' && value !== 'false'
  return set(env.CI) || set(env.CONTINUOUS_INTEGRATION)
}

/**
 * Whether to draw live Ink views and ask questions on this stream: a real terminal and not CI.
 * Ink 6 only checks CI, so a pipe (`batchctl apply | tee log`) would otherwise get cursor moves.
 */
export function isInteractive(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !inCi(env)
}

/**
 * Renders a static view once (e.g. a plan) at the stream's width, 80 columns when it has none,
 * coloured when the stream and environment allow it (NO_COLOR, FORCE_COLOR).
 */
export function renderOnce(element: ReactElement, options: {stream?: OutputStream; env?: NodeJS.ProcessEnv} = {}): void {
  const stream = options.stream ?? process.stdout
  const color = colorEnabled(stream.isTTY, options.env)
  const text = renderToString(<ColorContext.Provider value={color}>{element}</ColorContext.Provider>, {columns: stream.columns || 80})
  stream.write(`${text}\n`)
}

/** A mounted live view. */
export interface LiveView<P> {
  /** Redraws with new props (throttled by Ink to its frame rate). */
  update(props: P): void
  /** Draws the last props one final time, leaves them on screen and releases the terminal. */
  unmount(): Promise<void>
}

export interface MountOptions {
  /** Progress goes to stderr by default, so stdout stays data. */
  stream?: NodeJS.WriteStream
  /** How often the clock passed to the view ticks (spinners, elapsed times). */
  tickMs?: number
  now?: () => number
  env?: NodeJS.ProcessEnv
}

/**
 * Mounts a live view drawn from plain props and a clock: `view(props, now)`. The view stays a
 * pure function (no timers inside); this helper ticks the clock and redraws. Ctrl-C is left to
 * the command (Ink's exit-on-Ctrl-C is off), so it can stop apply cleanly.
 */
export function mountLive<P>(view: (props: P, now: number) => ReactElement, initial: P, options: MountOptions = {}): LiveView<P> {
  const stream = options.stream ?? process.stderr
  const now = options.now ?? Date.now
  const color = colorEnabled(stream.isTTY, options.env)
  let props = initial
  const draw = () => <ColorContext.Provider value={color}>{view(props, now())}</ColorContext.Provider>
  const instance = render(draw(), {stdout: stream, stderr: stream, exitOnCtrlC: false, patchConsole: false})
  const timer = setInterval(() => instance.rerender(draw()), options.tickMs ?? 100)
  // The command's own work keeps the process alive; a forgotten unmount must not.
  timer.unref()
  let closed: Promise<void> | undefined
  return {
    update(next) {
      props = next
      if (!closed) instance.rerender(draw())
    },
    unmount() {
      if (closed) return closed
      clearInterval(timer)
      instance.rerender(draw())
      instance.unmount()
      closed = instance.waitUntilExit().then(() => undefined)
      return closed
    },
  }
}
