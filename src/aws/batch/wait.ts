import {UserError} from '../../errors.js'

/**
 * How adapters wait for AWS: poll with growing delays, and retry calls AWS refuses only
 * because of eventual consistency. Times are real milliseconds.
 */
export interface WaitOptions {
  /** First delay between polls or retries (default 1000). */
  initialMs?: number
  /** Longest delay between polls (default 15000). */
  maxMs?: number
  /** Stop polling after this long (default 30 minutes: a compute environment can take minutes to settle). */
  timeoutMs?: number
  /**
   * Stop retrying an eventual-consistency refusal after this long (default 10 minutes): past
   * that, the refusal is most likely real (e.g. a queue batchctl does not own still uses it).
   */
  retryForMs?: number
}

const DEFAULTS: Required<WaitOptions> = {initialMs: 1000, maxMs: 15_000, timeoutMs: 30 * 60_000, retryForMs: 10 * 60_000}

/** Resolves after `ms`, or rejects with the signal's reason once it is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal))
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal))
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, {once: true})
  })
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted')
}

/** Throws the abort reason when the step was cancelled: no new AWS call starts after that. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal)
}

/** The delays of one wait: initial, ×1.5 each time, capped; `undefined` once `limitMs` has passed. */
function delays(options: WaitOptions, limit: 'timeoutMs' | 'retryForMs'): () => number | undefined {
  const o = {...DEFAULTS, ...options}
  const started = Date.now()
  let next = o.initialMs
  return () => {
    if (Date.now() - started > o[limit]) return undefined
    const delay = next
    next = Math.min(o.maxMs, Math.ceil(next * 1.5))
    return delay
  }
}

/**
 * Polls `probe` until it returns a value other than undefined. `what` names the awaited state
 * for the timeout message.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, what: string, signal: AbortSignal, options: WaitOptions): Promise<T> {
  const nextDelay = delays(options, 'timeoutMs')
  for (;;) {
    checkAborted(signal)
    const result = await probe()
    if (result !== undefined) return result
    const delay = nextDelay()
    if (delay === undefined) throw new UserError(`Timed out waiting for ${what}`, {code: 'WaitTimeout', hints: ['check the resource in the AWS console, then run apply again']})
    await sleep(delay, signal)
  }
}

/**
 * Runs `call`, retrying with backoff while `retryable(error)` holds (AWS's eventual-consistency
 * refusals, e.g. "Cannot delete, found existing JobQueue relationship" shortly after a queue
 * let go of a compute environment). Other errors are thrown at once.
 */
export async function retryWhile<T>(call: () => Promise<T>, retryable: (error: unknown) => boolean, signal: AbortSignal, options: WaitOptions): Promise<T> {
  const nextDelay = delays(options, 'retryForMs')
  for (;;) {
    checkAborted(signal)
    try {
      return await call()
    } catch (error) {
      if (!retryable(error)) throw error
      const delay = nextDelay()
      if (delay === undefined) throw error
      await sleep(delay, signal)
    }
  }
}

/** True when an AWS error's message contains one of `fragments`. */
export function messageHas(error: unknown, ...fragments: string[]): boolean {
  const message = error instanceof Error ? error.message : ''
  return fragments.some((f) => message.includes(f))
}
