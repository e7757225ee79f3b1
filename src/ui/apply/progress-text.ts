import type {ApplyEvent} from '../../apply/events.js'
import type {Paint} from '../shared/colors.js'
import {summarizeApply} from './apply-summary.js'
import type {ProgressAction, ProgressState} from './progress-state.js'
import {initialProgress, progressReducer} from './progress-state.js'
import {formatDuration, stepLabel} from './step-label.js'

/** `waiting for VALID (CREATING)` */
export function waitingText(wait: {for: string; status?: string}): string {
  return `waiting for ${wait.for}${wait.status === undefined ? '' : ` (${wait.status})`}`
}

/**
 * The plain lines one action is worth, given the state before it (piped output, CI logs): apply
 * start, each step start, each change of what a step waits for, retries, results and the summary.
 * Progress reports that change nothing visible (another poll with the same status, an API call)
 * print nothing, so a long wait is one line rather than hundreds.
 */
export function progressTextLines(before: ProgressState, action: ProgressAction, paint: Paint): string[] {
  switch (action.type) {
    case 'apply-started':
      return [paint('bold', `Applying ${action.steps.length} step${action.steps.length === 1 ? '' : 's'}`)]
    case 'step-started':
      return [`→ ${stepLabel(action.step)}`]
    case 'step-progress': {
      const progress = action.progress
      if (progress.type !== 'waiting') return []
      const previous = before.lines.find((line) => line.step.id === action.step.id)?.status
      const same = previous?.state === 'waiting' && previous.for === progress.for && previous.status === progress.status
      return same ? [] : [paint('gray', `… ${stepLabel(action.step)}: ${waitingText(progress)}`)]
    }
    case 'step-retrying':
      return [paint('yellow', `↻ ${stepLabel(action.step)}: attempt ${action.attempt} failed (${action.error}), retrying`)]
    case 'step-done':
      return [paint('green', `✓ ${stepLabel(action.step)}`) + paint('gray', ` (${formatDuration(action.durationMs)})`)]
    case 'step-failed':
      return [paint('red', `✗ ${stepLabel(action.step)}: ${action.error}`)]
    case 'apply-finished': {
      const summary = summarizeApply(action.result)
      return ['', paint(summary.ok ? 'green' : 'red', summary.headline), ...(summary.hint ? [summary.hint] : [])]
    }
    case 'interrupt-requested':
      return before.interruptedAt === undefined ? [paint('yellow', 'Interrupted: no new steps start; waiting for running steps to stop.')] : []
    default: {
      const _exhaustive: never = action
      return []
    }
  }
}

/**
 * A plain-text progress printer for non-TTY output: feed it every action, it writes the lines
 * each one is worth (each ending in a newline).
 */
export function textProgress(write: (text: string) => void, paint: Paint): (action: ProgressAction) => void {
  let state = initialProgress
  return (action) => {
    for (const line of progressTextLines(state, action, paint)) write(`${line}\n`)
    state = progressReducer(state, action)
  }
}

/** One NDJSON line for `--json`: the event exactly as the engine emitted it. */
export function eventJsonLine(event: ApplyEvent): string {
  return `${JSON.stringify(event)}\n`
}
