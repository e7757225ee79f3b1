import {UserError} from '../errors.js'
import {sleep} from '../jobs/call-budget.js'
import {nextInterval} from '../jobs/watch.js'
import type {StatusReader} from './read-status.js'
import {sameSnapshot, type StatusSnapshot} from './snapshot.js'

export interface WatchStatusOptions {
  /** Refresh interval while things change (default 2 s) and the most it grows to while idle (default 15 s). */
  minMs?: number
  maxMs?: number
  /** Consecutive failed reads before giving up (default 10). */
  maxFailures?: number
  signal?: AbortSignal
}

/**
 * Reads snapshots until the signal aborts: every `minMs` while the dashboard changes, half as
 * often again after each unchanged read, up to `maxMs`. A failed read (throttling past the SDK's
 * retries) is reported and retried at the slow pace; the last good snapshot stays on screen.
 */
export async function watchStatus(
  reader: Pick<StatusReader, 'read'>,
  onSnapshot: (snapshot: StatusSnapshot) => void,
  onError: (error: Error) => void,
  options: WatchStatusOptions = {},
): Promise<void> {
  const minMs = options.minMs ?? 2_000
  const maxMs = options.maxMs ?? 15_000
  let interval = minMs
  let last: StatusSnapshot | undefined
  let failures = 0
  while (!options.signal?.aborted) {
    try {
      const snapshot = await reader.read()
      failures = 0
      interval = nextInterval(interval, !sameSnapshot(last, snapshot), minMs, maxMs)
      last = snapshot
      onSnapshot(snapshot)
    } catch (error) {
      if (error instanceof UserError || options.signal?.aborted || ++failures > (options.maxFailures ?? 10)) throw error
      onError(error as Error)
      interval = maxMs
    }
    try {
      await sleep(interval, options.signal)
    } catch {
      return
    }
  }
}
