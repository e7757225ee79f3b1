import type {ApplyResult} from '../../apply/events.js'
import {formatDuration} from './step-label.js'

/** The closing words of an apply, shared by the Ink and plain-text views. */
export interface ApplySummary {
  ok: boolean
  /** e.g. `Apply failed: 3 done, 1 failed, 2 not started (1m02s).` */
  headline: string
  /** What to do next when apply did not finish everything. */
  hint?: string
}

/** The wording every renderer uses for the end of an apply. */
export const CONTINUE_HINT = 'Nothing was rolled back: re-run `batchctl apply` to continue.'

export function summarizeApply(result: ApplyResult): ApplySummary {
  const took = formatDuration(result.durationMs)
  if (result.ok) {
    const count = result.done.length
    return {ok: true, headline: `Apply complete: ${count} step${count === 1 ? '' : 's'} done in ${took}.`}
  }
  const how = result.stopped === 'interrupted' ? 'interrupted' : result.stopped === 'failed' ? 'failed' : 'incomplete'
  const counts = `${result.done.length} done, ${result.failed.length} failed, ${result.notStarted.length} not started`
  return {ok: false, headline: `Apply ${how}: ${counts} (${took}).`, hint: CONTINUE_HINT}
}
