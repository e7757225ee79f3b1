/**
 * A token bucket shared by every call of one kind (Batch reads, CloudWatch Logs reads), so a
 * follow of a 10,000-child array stays far below the account-wide limits whatever it watches:
 * AWS Batch allows 50 TPS per account for its APIs together ("aws-batch-requests-error", AWS
 * re:Post knowledge center), and FilterLogEvents has its own per-account, per-Region TPS quota
 * ("Amazon CloudWatch Logs endpoints and quotas", docs.aws.amazon.com/general/latest/gr/cwl_region.html),
 * shared with every other reader in the account; batchctl keeps to 5 calls per second for each.
 */
export class CallBudget {
  private tokens: number
  private last: number
  private queue: Promise<void> = Promise.resolve()
  /** Calls taken so far (for tests and `--json` summaries). */
  taken = 0

  constructor(
    readonly perSecond: number,
    private readonly burst = Math.max(1, perSecond),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.tokens = this.burst
    this.last = this.now()
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
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
      this.last = now
      if (this.tokens >= 1) {
        this.tokens -= 1
        this.taken++
        return
      }
      await sleep(((1 - this.tokens) / this.perSecond) * 1000, signal)
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
