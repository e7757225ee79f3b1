import {CallBudget} from './call-budget.js'
import {type LiveTailEvent, type LogEvent, type LogsApi, LogStreamMissing} from './jobs-api.js'
import {type LiveSession, LiveTails, streamPrefix} from './live-tail.js'
import type {LogStreamRef} from './log-streams.js'

/** One log line, ready to print. */
export interface LogLine {
  stream: LogStreamRef
  timestamp: number
  message: string
  eventId: string
}

export interface LogFollowOptions {
  /** Epoch ms: no lines before (FilterLogEvents startTime, inclusive). */
  since?: number
  /** Epoch ms: no lines after (endTime, inclusive). */
  until?: number
  /** CloudWatch Logs filter pattern. */
  filterPattern?: string
  /** FilterLogEvents calls per second (default 5: the account's quota is 5 TPS per Region; callers share it). */
  budget?: CallBudget
  /**
   * Each read starts this far (in log time) before the last line printed from a stream, so
   * events ingested late are still found; eventIds drop the repeats. Default 10 s.
   */
  overlapMs?: number
  /**
   * A line is printed once it has been known this long (real time), so a late event with an
   * earlier timestamp can still take its place in front of it. Default 2 s.
   */
  settleMs?: number
  now?: () => number
  signal?: AbortSignal
  /**
   * Use Live Tail (StartLiveTail) as the fast path when the LogsApi offers it; FilterLogEvents
   * stays the ground truth. Only for follows: a one-shot read never needs it.
   */
  liveTail?: {
    /** The account of the log groups (StartLiveTail takes ARNs), once known. */
    accountId?: () => string | undefined
    /** Wait before retrying a session that ended or failed (default 30 s). */
    retryMs?: number
    /** Told when Live Tail reports sampling, so the user knows why it is not used. */
    onWarning?: (message: string) => void
  }
}

interface Pending {
  event: LogEvent
  firstSeen: number
}

/** How many times each source delivered one (timestamp, ingestionTime, message); the line is released max-over-sources times. */
interface KeyCount {
  timestamp: number
  /** 'filter' or a Live Tail session id: each source delivers an event once, sources overlap. */
  bySource: Map<string, number>
  released: number
}

interface StreamState {
  ref: LogStreamRef
  /** Timestamp of the last line printed. */
  mark: number | undefined
  /** eventId → timestamp, for events at or after `mark - overlap`. */
  seen: Map<string, number>
  /** (timestamp, ingestionTime, message) → counts, for events at or after `mark - overlap`. */
  keys: Map<string, KeyCount>
  pending: Pending[]
  /** Real time when its attempt was known to be over; undefined while it may still write. */
  finalSince: number | undefined
  retired: boolean
  /** FilterLogEvents said it does not exist (yet): read alone until it does, so it cannot fail the others' reads. */
  missing: boolean
  /** The Live Tail session whose events it takes, and since when (real time); undefined while polled. */
  coveredBy: LiveSession | undefined
  liveSince: number | undefined
  /** A read that began a settle time after `liveSince` succeeded: what was ingested before coverage is in. */
  backfilled: boolean
}

/**
 * Reads many streams with FilterLogEvents (≤ 100 streams per call, under a call budget) and
 * releases every line exactly once and in order within its stream, although successive reads
 * overlap: a per-stream high-water mark with an overlap window for late ingestion, eventIds to
 * drop repeats, and a short settle time before a line is printed.
 */
export class LogFollower {
  readonly budget: CallBudget
  private readonly streams = new Map<string, StreamState>()
  private readonly overlapMs: number
  private readonly settleMs: number
  private readonly now: () => number
  /** Failed reads (after the SDK's own retries); the next round reads the same window again. */
  errors = 0
  /** Events taken from Live Tail (before dedupe against FilterLogEvents): for tests and summaries. */
  liveEvents = 0
  /** Times a replaced Live Tail session ended before its last update, so its streams were read again. */
  liveGaps = 0
  /** Live Tail sessions that ended, failed, were refused or sampled (their streams went back to polling). */
  liveLost = 0
  private readonly live: LiveTails | undefined
  private syntheticId = 0

  constructor(
    private readonly api: LogsApi,
    private readonly options: LogFollowOptions = {},
  ) {
    this.budget = options.budget ?? new CallBudget(5)
    this.overlapMs = options.overlapMs ?? 10_000
    this.settleMs = options.settleMs ?? 2_000
    this.now = options.now ?? (() => Date.now())
    const startLiveTail = api.startLiveTail?.bind(api)
    const live = options.liveTail
    this.live =
      startLiveTail && live && options.until === undefined
        ? new LiveTails(
            startLiveTail,
            {
              started: (session) => this.onStarted(session),
              events: (session, events) => this.onLiveEvents(session, events),
              lost: (session) => this.uncovered(session),
              gap: (session) => this.gap(session),
              warning: (message) => live.onWarning?.(message),
            },
            {
              now: this.now,
              ...(live.accountId ? {accountId: live.accountId} : {}),
              ...(live.retryMs !== undefined ? {retryMs: live.retryMs} : {}),
              ...(options.filterPattern ? {filterPattern: options.filterPattern} : {}),
            },
          )
        : undefined
  }

  /** Closes the Live Tail sessions (their sockets); reads still work, by polling. */
  async close(): Promise<void> {
    await this.live?.close()
  }

  /** Adds streams (known ones are ignored) or marks them final: their attempt is over. */
  add(refs: Array<LogStreamRef & {final?: boolean}>): void {
    const now = this.now()
    for (const ref of refs) {
      const key = `${ref.logGroup}\u0000${ref.logStreamName}`
      let state = this.streams.get(key)
      if (!state) {
        const {final: _final, ...plain} = ref
        state = {
          ref: plain,
          mark: undefined,
          seen: new Map(),
          keys: new Map(),
          pending: [],
          finalSince: undefined,
          retired: false,
          missing: false,
          coveredBy: undefined,
          liveSince: undefined,
          backfilled: false,
        }
        this.streams.set(key, state)
        // A running session already sees this stream's prefix: its events count from now.
        const session = this.live?.current(ref.logGroup)
        if (session?.prefixes.has(streamPrefix(ref.logStreamName))) this.cover(state, session, now)
        this.live?.want(ref.logGroup, [streamPrefix(ref.logStreamName)])
      }
      if (ref.final && state.finalSince === undefined) state.finalSince = now
    }
  }

  /** Streams whose lines currently come from Live Tail (between their backfill and final reads). */
  get liveCovered(): number {
    let n = 0
    for (const state of this.streams.values()) if (!state.retired && state.coveredBy) n++
    return n
  }

  private cover(state: StreamState, session: LiveSession, now: number): void {
    if (state.retired) return
    // A replacement session takes over from the old one without a gap: keep `liveSince`.
    if (state.coveredBy === undefined) {
      state.liveSince = now
      state.backfilled = false
    }
    state.coveredBy = session
  }

  private onStarted(session: LiveSession): void {
    const now = this.now()
    for (const state of this.streams.values()) {
      if (state.ref.logGroup === session.group && session.prefixes.has(streamPrefix(state.ref.logStreamName))) this.cover(state, session, now)
    }
  }

  private gap(session: LiveSession): void {
    this.liveGaps++
    const now = this.now()
    for (const state of this.streams.values()) {
      if (state.coveredBy !== session) continue
      // Read once more, as when coverage began; its live lines wait for that read.
      state.liveSince = now
      state.backfilled = false
    }
  }

  private uncovered(session: LiveSession): void {
    this.liveLost++
    const now = this.now()
    for (const state of this.streams.values()) {
      if (state.coveredBy !== session) continue
      state.coveredBy = undefined
      state.liveSince = undefined
      state.backfilled = false
      // Lines the session missed are found by the next reads; what it delivered waits for them.
      for (const pending of state.pending) pending.firstSeen = Math.max(pending.firstSeen, now)
    }
  }

  private onLiveEvents(session: LiveSession, events: LiveTailEvent[]): void {
    const now = this.now()
    for (const event of events) {
      const state = this.streams.get(`${session.group}\u0000${event.logStreamName}`)
      // Streams not followed (other jobs of the definition), or no longer: the reads cover them.
      // A replaced session's last update still counts for the streams its successor took over.
      if (!state || state.retired || (state.coveredBy !== session && (session.replacedBy === undefined || state.coveredBy !== session.replacedBy))) continue
      if (this.options.since !== undefined && event.timestamp < this.options.since) continue
      this.liveEvents++
      this.ingest(state, {...event, eventId: `live-${session.id}-${++this.syntheticId}`}, `s${session.id}`, now)
    }
  }

  /**
   * Takes one event from a source; it becomes a line when this source has now delivered its
   * (timestamp, ingestionTime, message) more times than any other source did. Two identical
   * lines in one batch are two events of each source, so neither is lost.
   */
  private ingest(state: StreamState, event: LogEvent, source: string, seenAt: number): void {
    // Older than this stream's window: read and printed in an earlier round, since forgotten.
    if (state.mark !== undefined && event.timestamp < state.mark - this.overlapMs) return
    const key = `${event.timestamp}\u0000${event.ingestionTime ?? ''}\u0000${event.message}`
    let count = state.keys.get(key)
    if (!count) {
      count = {timestamp: event.timestamp, bySource: new Map(), released: 0}
      state.keys.set(key, count)
    }
    const n = (count.bySource.get(source) ?? 0) + 1
    count.bySource.set(source, n)
    if (n <= count.released) return
    count.released = n
    state.pending.push({event, firstSeen: seenAt})
  }

  /** Streams still read each round. */
  get active(): number {
    let n = 0
    for (const state of this.streams.values()) if (!state.retired) n++
    return n
  }

  /**
   * One round over every active stream; returns the lines released, ordered by time across
   * streams. `flush` releases everything read (the end of a non-follow read or of a follow).
   */
  async poll(flush = false): Promise<LogLine[]> {
    const started = this.now()
    this.live?.tick()
    const active = [...this.streams.values()].filter((state) => !state.retired)
    const byGroup = new Map<string, StreamState[]>()
    for (const state of active) {
      if (!flush && !this.needsRead(state, started)) continue
      const list = byGroup.get(state.ref.logGroup) ?? []
      list.push(state)
      byGroup.set(state.ref.logGroup, list)
    }
    const readOk = new Set<StreamState>()
    for (const [group, states] of byGroup) {
      const present = states.filter((state) => !state.missing)
      // Streams with close marks share a call, so each call's window stays narrow.
      present.sort((a, b) => (a.mark ?? -1) - (b.mark ?? -1))
      for (let i = 0; i < present.length; i += 100) await this.read(group, present.slice(i, i + 100), started, readOk)
      for (const state of states) if (state.missing) await this.read(group, [state], started, readOk)
    }
    const released: LogLine[] = []
    for (const state of active) {
      if (readOk.has(state) && state.liveSince !== undefined && started >= state.liveSince + this.settleMs) state.backfilled = true
      released.push(...this.release(state, flush))
      // Retire a finished stream once a read that began a settle time after it finished succeeded.
      if (state.finalSince !== undefined && readOk.has(state) && started - state.finalSince >= this.settleMs && state.pending.length === 0) {
        state.retired = true
      }
      if (flush && readOk.has(state)) state.retired = state.retired || state.finalSince !== undefined
    }
    released.sort((a, b) => a.timestamp - b.timestamp)
    return released
  }

  /**
   * Polled streams are read every round. A stream Live Tail covers is read once a settle time
   * after its coverage began (what was ingested before), then not until a settle time after
   * its attempt finished (the last read before it retires).
   */
  private needsRead(state: StreamState, started: number): boolean {
    if (state.coveredBy === undefined || state.liveSince === undefined) return true
    if (!state.backfilled) return started >= state.liveSince + this.settleMs
    return state.finalSince !== undefined && started >= state.finalSince + this.settleMs
  }

  /** Lines that settled since the last round (Live Tail's), without reading anything. */
  releaseSettled(): LogLine[] {
    const released: LogLine[] = []
    for (const state of this.streams.values()) if (!state.retired) released.push(...this.release(state, false))
    released.sort((a, b) => a.timestamp - b.timestamp)
    return released
  }

  /** Reads a chunk of streams; those read completely join `readOk`. */
  private async read(group: string, chunk: StreamState[], seenAt: number, readOk: Set<StreamState>): Promise<void> {
    const byName = new Map(chunk.map((state) => [state.ref.logStreamName, state]))
    const starts = chunk.map((state) => (state.mark === undefined ? this.options.since : Math.max(state.mark - this.overlapMs, this.options.since ?? 0)))
    const startTime = starts.some((s) => s === undefined) ? undefined : Math.min(...(starts as number[]))
    let nextToken: string | undefined
    try {
      do {
        await this.budget.take(this.options.signal)
        const page = await this.api.filterLogEvents({
          logGroupName: group,
          logStreamNames: chunk.map((state) => state.ref.logStreamName),
          ...(startTime !== undefined ? {startTime} : {}),
          ...(this.options.until !== undefined ? {endTime: this.options.until} : {}),
          ...(this.options.filterPattern ? {filterPattern: this.options.filterPattern} : {}),
          ...(nextToken ? {nextToken} : {}),
        })
        for (const event of page.events) {
          const state = byName.get(event.logStreamName)
          if (!state || state.seen.has(event.eventId)) continue
          if (state.mark !== undefined && event.timestamp < state.mark - this.overlapMs) continue
          state.seen.set(event.eventId, event.timestamp)
          this.ingest(state, event, 'filter', seenAt)
        }
        nextToken = page.nextToken
      } while (nextToken)
      for (const state of chunk) {
        state.missing = false
        readOk.add(state)
      }
    } catch (error) {
      if (this.options.signal?.aborted) throw error
      if (error instanceof LogStreamMissing) {
        if (chunk.length === 1) {
          // Nothing to read there yet; a finished attempt's missing stream retires as read.
          chunk[0]!.missing = true
          readOk.add(chunk[0]!)
          return
        }
        // Halve until the missing streams are found; the others are read meanwhile.
        const half = Math.ceil(chunk.length / 2)
        await this.read(group, chunk.slice(0, half), seenAt, readOk)
        await this.read(group, chunk.slice(half), seenAt, readOk)
        return
      }
      this.errors++
    }
  }

  private release(state: StreamState, flush: boolean): LogLine[] {
    if (state.pending.length === 0) return []
    // Live lines wait for the backfill read: an older line ingested before coverage goes first.
    if (!flush && state.coveredBy !== undefined && !state.backfilled) return []
    // Stable: equal timestamps keep the order the API returned them in, which is by timestamp,
    // then ingestion time, then PutLogEvents request (FilterLogEvents, API reference).
    state.pending.sort((a, b) => a.event.timestamp - b.event.timestamp)
    const cutoff = this.now() - this.settleMs
    let n = 0
    while (n < state.pending.length && (flush || state.pending[n]!.firstSeen <= cutoff)) n++
    const out = state.pending.splice(0, n).map(({event}) => ({stream: state.ref, timestamp: event.timestamp, message: event.message, eventId: event.eventId}))
    for (const line of out) state.mark = Math.max(state.mark ?? line.timestamp, line.timestamp)
    if (state.mark !== undefined) {
      const floor = state.mark - this.overlapMs
      for (const [id, timestamp] of state.seen) if (timestamp < floor) state.seen.delete(id)
      for (const [key, count] of state.keys) if (count.timestamp < floor) state.keys.delete(key)
    }
    return out
  }
}
