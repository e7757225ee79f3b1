import type {RequestContext} from '../../../service.js'
import {batchOptions} from '../options.js'
import type {BatchState} from '../state.js'

/**
 * Runs `settle` after the configured `transitionMs` of virtual time (CREATING → VALID,
 * UPDATING → VALID, DELETING → gone). A newer transition of the same resource replaces the
 * pending one, so a quick update-after-create settles once, at the later time.
 */
export function scheduleTransition(ctx: RequestContext<BatchState>, arn: string, settle: () => void): void {
  const {state, clock} = ctx
  clock.clearTimeout(state.transitions.get(arn))
  state.transitions.delete(arn)
  const delay = batchOptions(ctx.emulator).transitionMs
  if (delay <= 0) {
    settle()
    return
  }
  state.transitions.set(
    arn,
    clock.setTimeout(() => {
      state.transitions.delete(arn)
      settle()
    }, delay),
  )
}

/** Status values during which AWS refuses another change ("resource is being modified"). */
export const BUSY_STATUSES = new Set(['CREATING', 'UPDATING', 'DELETING', 'DELETED'])
