import {UserError} from '../errors.js'
import {CallBudget, sleep} from './call-budget.js'
import type {JobInfo, JobsApi, LogsApi} from './jobs-api.js'
import {type LogFollowOptions, LogFollower, type LogLine} from './log-follow.js'
import {JobWatcher, nextInterval, type WatchEvent} from './watch.js'

/** Everything `submit --follow` and `logs --follow` report. */
export type FollowEvent = WatchEvent | {type: 'log'; line: LogLine} | {type: 'warning'; message: string}

export interface FollowOptions {
  /** Read logs too (needs `logs`). */
  withLogs: boolean
  /** Keep going until the job is done and its last lines are read; otherwise one pass. */
  follow: boolean
  /** Only this attempt's streams (1-based). */
  attempt?: number
  log?: Omit<LogFollowOptions, 'budget' | 'signal'>
  /** Batch calls per second (default 5) and FilterLogEvents calls per second (default 5). */
  batchTps?: number
  logsTps?: number
  pollMinMs?: number
  pollMaxMs?: number
  /** Consecutive failed rounds of Batch reads before giving up (default 10). */
  maxFailures?: number
  /** Rounds after the job finished in which the last streams must settle (default 60). */
  drainRounds?: number
  /** Live Tail as the fast path while following (default true when the LogsApi offers it); false polls only. */
  liveTail?: boolean
  /** Wait before a new Live Tail session after one ended or failed (default 30 s). */
  liveTailRetryMs?: number
  signal?: AbortSignal
}

/**
 * Watches a job and reads its logs in one loop: each round describes the job (and, when counts
 * moved, the children), attaches the streams of new attempts, then reads the active streams.
 * Returns the job's last description.
 */
export async function followJob(
  jobs: JobsApi,
  logs: LogsApi | undefined,
  jobId: string,
  emit: (event: FollowEvent) => void,
  options: FollowOptions,
): Promise<JobInfo> {
  const signal = options.signal
  let watcher: JobWatcher | undefined
  const useLiveTail = options.follow && options.liveTail !== false
  const follower =
    options.withLogs && logs
      ? new LogFollower(logs, {
          ...options.log,
          budget: new CallBudget(options.logsTps ?? 5),
          ...(signal ? {signal} : {}),
          ...(useLiveTail
            ? {
                liveTail: {
                  // The job's ARN names its account; log groups of the awslogs driver live there.
                  accountId: () => accountOf(watcher?.current?.jobArn),
                  onWarning: (message: string) => emit({type: 'warning', message}),
                  ...(options.liveTailRetryMs !== undefined ? {retryMs: options.liveTailRetryMs} : {}),
                },
              }
            : {}),
        })
      : undefined
  try {
    watcher = new JobWatcher(
      jobs,
      jobId,
      (event) => {
        if (event.type === 'streams') {
          const streams = options.attempt === undefined ? event.streams : event.streams.filter((s) => s.attempt === options.attempt)
          follower?.add(streams)
        }
        emit(event)
      },
      {streams: follower !== undefined, budget: new CallBudget(options.batchTps ?? 5), ...(signal ? {signal} : {})},
    )
    return await loop(watcher, follower, emit, options)
  } finally {
    // No Live Tail socket outlives the follow (its end, an error or Ctrl-C).
    await follower?.close()
  }
}

/** `arn:aws:batch:<region>:<account>:job/<id>` → the account. */
function accountOf(jobArn: string | undefined): string | undefined {
  const account = jobArn?.split(':')[4]
  return account && /^\d{12}$/.test(account) ? account : undefined
}

async function loop(watcher: JobWatcher, follower: LogFollower | undefined, emit: (event: FollowEvent) => void, options: FollowOptions): Promise<JobInfo> {
  const signal = options.signal
  const minMs = options.pollMinMs ?? 1_000
  const maxMs = options.pollMaxMs ?? 10_000
  let interval = minMs
  let drained = 0
  const release = (lines: LogLine[]): void => {
    for (const line of lines) emit({type: 'log', line})
  }
  let failures = 0
  const watch = async (): Promise<boolean> => {
    if (watcher.done) return false
    try {
      const changed = await watcher.poll()
      failures = 0
      return changed
    } catch (error) {
      // Throttling or a server error that outlasted the SDK's retries: try again next round.
      if (error instanceof UserError || signal?.aborted || ++failures > (options.maxFailures ?? 10) || watcher.current === undefined) throw error
      emit({type: 'warning', message: `reading the job failed (${(error as Error).message}); retrying`})
      return false
    }
  }
  for (;;) {
    if (!options.follow) {
      await watch()
      if (follower) await readOnce(follower, release, emit, signal)
      return watcher.current!
    }
    // Batch and CloudWatch Logs have budgets of their own: a round reads both at once, so neither
    // waits for the other (streams the watcher finds now are read from the next round on).
    const [watched, read] = await Promise.allSettled([watch(), follower ? follower.poll(false) : Promise.resolve([])])
    if (watched.status === 'rejected') throw watched.reason
    if (read.status === 'rejected') throw read.reason
    release(read.value)
    const changed = watched.value || read.value.length > 0
    if (watcher.done) {
      if (!follower || follower.active === 0) return watcher.current!
      if (++drained > (options.drainRounds ?? 60)) {
        release(await follower.poll(true))
        emit({type: 'warning', message: `stopped reading ${follower.active} log streams that did not settle; some late lines may be missing`})
        return watcher.current!
      }
    }
    interval = nextInterval(interval, changed, minMs, maxMs)
    // Once the job is done only the settle time matters: read again soon.
    const wait = watcher.done ? Math.min(interval, minMs) : interval
    if (follower && follower.liveCovered > 0) {
      // Live Tail lines arrive between rounds: print them as they settle, without asking Batch or FilterLogEvents.
      for (let waited = 0; waited < wait; waited += minMs) {
        await sleep(Math.min(minMs, wait - waited), signal)
        release(follower.releaseSettled())
      }
    } else await sleep(wait, signal)
  }
}

/**
 * A one-pass read (no --follow): streams whose read failed (throttling beyond the SDK's
 * retries) are read again a few times; eventIds keep the others from printing twice.
 */
async function readOnce(follower: LogFollower, release: (lines: LogLine[]) => void, emit: (event: FollowEvent) => void, signal?: AbortSignal): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = follower.errors
    release(await follower.poll(true))
    if (follower.errors === before) return
    await sleep(500 * 2 ** attempt, signal)
  }
  emit({type: 'warning', message: 'some log streams could not be read (throttled); lines may be missing'})
}
