/**
 * A budget shared by every call of one kind (Batch reads, CloudWatch Logs reads), so a
 * follow of a 10,000-child array stays far below the account-wide limits whatever it watches:
 * AWS Batch allows 50 TPS per account for its APIs together ("aws-batch-requests-error", AWS
 * re:Post knowledge center), and FilterLogEvents has its own per-account, per-Region TPS quota
 * ("Amazon CloudWatch Logs endpoints and quotas", docs.aws.amazon.com/general/latest/gr/cwl_region.html),
 * shared with every other reader in the account; batchctl keeps to 5 calls per second for each.
 */
export class CallBudget {
  /** At most `limit` calls start within any `windowMs`. */
  private readonly limit: number
  private readonly windowMs: number
  /** Start times of the last `limit` calls, oldest first. */
  private readonly starts: number[] = []
  private queue: Promise<void> = Promise.resolve()
  /** Calls taken so far (for tests and `--json` summaries). */
  taken = 0

  /**
   * A sliding window, not a token bucket: a bucket of 5 that refills 5 per second lets 10 calls
   * into one second (the full bucket, then the refill), twice the quota; here no second ever
   * sees more than `perSecond` calls.
   */
  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.limit = Math.max(1, Math.floor(perSecond))
    // 50 ms to spare: the calls' arrival at AWS jitters, and a quota of 5 TPS means 5, not 6.
    this.windowMs = (1000 * this.limit) / perSecond + 50
  }

  /** Resolves when one call may be made; callers are served in order. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(signal))
    this.queue = turn.catch(() => {})
    return turn
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now()
      if (this.starts.length < this.limit || now - this.starts[0]! >= this.windowMs) {
        if (this.starts.length >= this.limit) this.starts.shift()
        this.starts.push(now)
        this.taken++
        return
      }
      await sleep(this.starts[0]! + this.windowMs - now, signal)
    }
  }
}

/** setTimeout as a promise; rejects with the signal's reason when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    signal?.addEventListener('abort', onAbort, {once: true})
  })
}
