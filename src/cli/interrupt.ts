/** An AbortSignal that the given process signals abort, until `dispose()`. */
export interface Interrupt {
  signal: AbortSignal
  dispose(): void
}

/**
 * Ctrl-C (and by default SIGTERM) as an AbortSignal, so a follow stops cleanly and the command
 * can say what keeps running. Listens with `process.on`, never `once`: a once-listener removes
 * itself before it runs, and Ink's signal-exit, then the only listener left, re-raises the
 * signal and the process dies with nothing said (found by the tmux test of `submit --follow`).
 */
export function onInterrupt(reason?: unknown, signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Interrupt {
  const controller = new AbortController()
  const handler = (): void => controller.abort(reason)
  for (const name of signals) process.on(name, handler)
  return {
    signal: controller.signal,
    dispose() {
      for (const name of signals) process.off(name, handler)
    },
  }
}
