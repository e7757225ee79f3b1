import type {LiveTailEvent, LiveTailMessage, LiveTailRequest} from './jobs-api.js'

/** StartLiveTail takes at most 100 logStreamNamePrefixes (API reference, StartLiveTail). */
export const MAX_PREFIXES = 100

/** One Live Tail session: a log group and the stream name prefixes it was asked for. */
export interface LiveSession {
  readonly id: number
  readonly group: string
  readonly prefixes: ReadonlySet<string>
  /**
   * The session that took over from this one. Until this one's next update it still counts:
   * that update carries what was ingested before the successor started.
   */
  readonly replacedBy?: LiveSession | undefined
}

/** What the sessions tell their owner (the LogFollower). */
export interface LiveTailHooks {
  /** The session's `sessionStart` arrived: from now on it sees every event of its prefixes. */
  started(session: LiveSession): void
  /** One update's events (the owner drops those of streams it does not follow). */
  events(session: LiveSession, events: LiveTailEvent[]): void
  /** The session stopped seeing events (ended, failed, sampled); never called for one closed by `close` or replaced. */
  lost(session: LiveSession): void
  /**
   * The session's streams may have missed events ingested before now (its predecessor ended
   * before handing over): they need another read begun a settle time from now.
   */
  gap(session: LiveSession): void
  warning(message: string): void
}

export interface LiveTailsOptions {
  filterPattern?: string
  /** The account of the log groups, when known (their ARNs need it). */
  accountId?: () => string | undefined
  /** Wait before a new session after one ended or failed for a reason that may pass (default 30 s). */
  retryMs?: number
  now?: () => number
}

type Start = (request: LiveTailRequest, signal: AbortSignal) => Promise<AsyncIterable<LiveTailMessage>>

interface Session extends LiveSession {
  replacedBy?: Session | undefined
  controller: AbortController
  closed: boolean
  done: Promise<void>
}

interface GroupState {
  name: string
  prefixes: Set<string>
  /** The session whose `sessionStart` arrived and that still runs. */
  current?: Session
  /** A session asked for and not started yet (a first one, a retry, or a replacement with more prefixes). */
  starting?: Session
  /** Why Live Tail is not used for this group any more (sampling, refusal, too many prefixes). */
  disabled?: string
  retryAt?: number
}

/**
 * Errors after which a new session would fail the same way: no permission, a request the
 * service refuses, an endpoint that does not serve StartLiveTail (an emulator without it
 * answers 404/501, or UnknownOperationException).
 */
const FOR_GOOD = new Set(['AccessDeniedException', 'AccessDenied', 'LiveTailUnavailable', 'InvalidParameterException', 'UnknownOperationException', 'NotImplemented', 'UnrecognizedClientException'])

function forGood(error: unknown): boolean {
  const e = error as {name?: string; code?: string; $metadata?: {httpStatusCode?: number}}
  if (FOR_GOOD.has(e.name ?? '')) return true
  const status = e.$metadata?.httpStatusCode
  return status === 404 || status === 501 || e.code === 'ENOTFOUND'
}

/**
 * The Live Tail sessions of one follow: one per log group, limited to the prefixes of the
 * streams followed there (≤ 100; beyond that the group is polled). A group that needs a new
 * prefix gets a replacement session, started before the old one is closed, so coverage never
 * lapses. Sessions that end or fail are retried later unless the failure is for good; a
 * session that reports sampling turns Live Tail off for its group.
 */
export class LiveTails {
  private readonly groups = new Map<string, GroupState>()
  private readonly sessions = new Set<Session>()
  private readonly now: () => number
  private nextId = 1
  private closed = false

  constructor(
    private readonly start: Start,
    private readonly hooks: LiveTailHooks,
    private readonly options: LiveTailsOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now())
  }

  /** The running session of a group, if any. */
  current(group: string): LiveSession | undefined {
    return this.groups.get(group)?.current
  }

  /** Asks for Live Tail over these prefixes of a group (added to those asked before). */
  want(group: string, prefixes: Iterable<string>): void {
    let state = this.groups.get(group)
    if (!state) {
      state = {name: group, prefixes: new Set()}
      this.groups.set(group, state)
    }
    for (const prefix of prefixes) state.prefixes.add(prefix)
    if (state.disabled) return
    if (state.prefixes.size > MAX_PREFIXES) {
      this.disable(state, `more than ${MAX_PREFIXES} stream name prefixes`)
      return
    }
    this.ensure(group, state)
  }

  /** Starts the sessions whose retry time has come. */
  tick(): void {
    for (const [group, state] of this.groups) if (!state.disabled) this.ensure(group, state)
  }

  /** Closes every session and waits until their requests are torn down. */
  async close(): Promise<void> {
    this.closed = true
    const running = [...this.sessions]
    for (const session of running) this.abort(session)
    await Promise.all(running.map((session) => session.done))
  }

  private ensure(group: string, state: GroupState): void {
    if (this.closed || state.starting) return
    if (state.current && [...state.prefixes].every((prefix) => state.current!.prefixes.has(prefix))) return
    if (state.retryAt !== undefined && this.now() < state.retryAt) return
    state.retryAt = undefined
    const session: Session = {id: this.nextId++, group, prefixes: new Set(state.prefixes), controller: new AbortController(), closed: false, done: Promise.resolve()}
    state.starting = session
    this.sessions.add(session)
    session.done = this.run(state, session).finally(() => this.sessions.delete(session))
  }

  private async run(state: GroupState, session: Session): Promise<void> {
    try {
      const accountId = this.options.accountId?.()
      const stream = await this.start(
        {
          logGroupName: session.group,
          logStreamNamePrefixes: [...session.prefixes],
          ...(accountId ? {accountId} : {}),
          ...(this.options.filterPattern ? {filterPattern: this.options.filterPattern} : {}),
        },
        session.controller.signal,
      )
      for await (const message of stream) {
        if (session.closed) return
        if (message.type === 'start') this.started(state, session)
        else {
          this.hooks.events(session, message.events)
          if (message.sampled) {
            this.hooks.warning(
              `Live Tail is sampling log group ${session.group} (too many events per second); reading it with FilterLogEvents instead so no line is lost`,
            )
            this.disable(state, 'sampled')
            return
          }
          if (session.replacedBy) {
            // Everything ingested before the successor started is in: hand over for good.
            this.abort(session)
            return
          }
        }
      }
      if (session.replacedBy && !session.closed) {
        this.abort(session)
        this.hooks.gap(session.replacedBy)
      } else if (!session.closed) this.lost(state, session, false)
    } catch (error) {
      if (session.replacedBy && !session.closed) {
        // It ended before its last update: what it had not sent yet, its successor never saw.
        this.abort(session)
        this.hooks.gap(session.replacedBy)
      } else if (!session.closed) this.lost(state, session, forGood(error))
    }
  }

  private started(state: GroupState, session: Session): void {
    const old = state.current
    state.current = session
    if (state.starting === session) state.starting = undefined
    // The owner moves coverage to the new session; the old one stays until its next update,
    // which holds what was ingested between its last update and the new session's start.
    if (old) old.replacedBy = session
    this.hooks.started(session)
    // Prefixes asked for while this one was starting need another replacement.
    this.ensure(session.group, state)
  }

  private lost(state: GroupState, session: Session, permanent: boolean): void {
    this.abort(session)
    if (state.current === session) state.current = undefined
    if (state.starting === session) state.starting = undefined
    this.hooks.lost(session)
    if (permanent) this.disable(state, 'refused')
    else state.retryAt = this.now() + (this.options.retryMs ?? 30_000)
  }

  /** No more Live Tail for the group: its sessions close and its streams are polled. */
  private disable(state: GroupState, reason: string): void {
    state.disabled = reason
    for (const session of [state.current, state.starting]) {
      if (!session) continue
      this.abort(session)
      this.hooks.lost(session)
    }
    // Replaced sessions still waiting for their last update go too.
    for (const session of this.sessions) if (session.group === state.name) this.abort(session)
    state.current = undefined
    state.starting = undefined
  }

  private abort(session: Session): void {
    session.closed = true
    session.controller.abort()
  }
}

/** The prefix that covers every stream of a job: Batch names streams `<definition>/default/<taskId>`. */
export function streamPrefix(logStreamName: string): string {
  const slash = logStreamName.lastIndexOf('/')
  return slash > 0 ? logStreamName.slice(0, slash + 1) : logStreamName
}
