import {UserError} from '../errors.js'
import {CallBudget, sleep} from './call-budget.js'
import {isTerminal, JOB_STATUSES, type JobInfo, type JobsApi, type JobStatus, type JobSummaryInfo, type ListScope} from './jobs-api.js'
import {jobLabel, type LogStreamRef, streamsOf} from './log-streams.js'

export type StatusCounts = Record<JobStatus, number>

/** What a watch reports, in the order it learns it. */
export type WatchEvent =
  | {type: 'status'; jobId: string; jobName?: string; status: JobStatus; previous?: JobStatus; reason?: string}
  | {type: 'counts'; jobId: string; counts: StatusCounts; total: number}
  | {type: 'child-failed'; jobId: string; label: string; reason?: string; exitCode?: number}
  /** Log streams found, or found to be complete (`final`: the attempt's job is done). */
  | {type: 'streams'; streams: Array<LogStreamRef & {final: boolean}>}
  | {type: 'done'; job: JobInfo; status: 'SUCCEEDED' | 'FAILED'; reason?: string}

export interface WatchOptions {
  /** Also find every attempt's log stream (children and nodes too); costs ListJobs/DescribeJobs calls. */
  streams?: boolean
  /** Batch calls per second for this watch (default 5, a tenth of the account's 50 TPS). */
  budget?: CallBudget
  /** Polling interval bounds: the minimum while things change, growing ×1.5 to the maximum while idle. */
  pollMinMs?: number
  pollMaxMs?: number
  signal?: AbortSignal
}

const emptyCounts = (): StatusCounts => Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as StatusCounts

/**
 * Follows one job and its children with batched calls: DescribeJobs of the parent each round
 * (its `statusSummary` counts the children), ListJobs by array job per status only when a
 * count moved and details are needed, DescribeJobs 100 ids at a time for new or newly finished
 * children. A 10,000-child array costs one call per idle round.
 */
export class JobWatcher {
  readonly budget: CallBudget
  private job: JobInfo | undefined
  private counts = emptyCounts()
  private listed = emptyCounts()
  private readonly failedSeen = new Set<string>()
  /** Child or node id → whether it was described in a terminal state. */
  private readonly described = new Map<string, boolean>()
  /** Child id → startedAt of the attempt it was described in. */
  private readonly describedStart = new Map<string, number | undefined>()
  private readonly streamFinal = new Map<string, boolean>()
  private finished = false
  private rounds = 0

  constructor(
    private readonly api: JobsApi,
    readonly jobId: string,
    private readonly emit: (event: WatchEvent) => void,
    private readonly options: WatchOptions = {},
  ) {
    this.budget = options.budget ?? new CallBudget(5)
  }

  get done(): boolean {
    return this.finished
  }

  get current(): JobInfo | undefined {
    return this.job
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    await this.budget.take(this.options.signal)
    return fn()
  }

  private async describe(ids: string[]): Promise<JobInfo[]> {
    const out: JobInfo[] = []
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100)
      out.push(...(await this.call(() => this.api.describeJobs(chunk))))
    }
    return out
  }

  private async list(scope: ListScope, status: JobStatus): Promise<JobSummaryInfo[]> {
    const out: JobSummaryInfo[] = []
    let token: string | undefined
    do {
      const page = await this.call(() => this.api.listJobs(scope, status, token))
      out.push(...page.jobs)
      token = page.nextToken
    } while (token)
    return out
  }

  /** One round; true when anything changed (the caller polls faster then). */
  async poll(): Promise<boolean> {
    const [job] = await this.describe([this.jobId])
    if (!job) throw new UserError(`job ${this.jobId} not found`, {code: 'job-not-found', hints: ['Batch keeps finished jobs for about 7 days']})
    let changed = false
    const previous = this.job
    this.job = job
    if (previous?.status !== job.status) {
      changed = true
      this.emit({type: 'status', jobId: job.jobId, ...(job.jobName ? {jobName: job.jobName} : {}), status: job.status, ...(previous ? {previous: previous.status} : {}), ...(job.statusReason ? {reason: job.statusReason} : {})})
    }
    if (job.arraySize !== undefined && job.arrayIndex === undefined) changed = (await this.pollArray(job)) || changed
    else if (job.numNodes !== undefined && job.nodeIndex === undefined) changed = (await this.pollNodes(job)) || changed
    else if (this.options.streams) changed = this.noteStreams([job]) || changed
    if (isTerminal(job.status) && !this.finished) {
      this.finished = true
      this.emit({type: 'done', job, status: job.status, ...(job.statusReason ? {reason: job.statusReason} : {})})
    }
    return changed
  }

  private async pollArray(job: JobInfo): Promise<boolean> {
    const counts = {...emptyCounts(), ...job.statusSummary}
    const previous = this.counts
    const moved = JOB_STATUSES.some((status) => counts[status] !== this.counts[status])
    this.counts = counts
    if (moved) this.emit({type: 'counts', jobId: job.jobId, counts, total: job.arraySize ?? 0})
    const scope = {arrayJobId: job.jobId}
    const lists: Partial<Record<JobStatus, JobSummaryInfo[]>> = {}
    const listIf = async (status: JobStatus, when: boolean): Promise<JobSummaryInfo[]> => {
      if (!when || counts[status] === 0) return []
      this.listed[status] = counts[status]
      return (lists[status] ??= await this.list(scope, status))
    }
    const failed = await listIf('FAILED', counts.FAILED !== this.failedSeen.size || (this.options.streams === true && counts.FAILED !== this.listed.FAILED))
    for (const child of failed) {
      if (this.failedSeen.has(child.jobId)) continue
      this.failedSeen.add(child.jobId)
      this.emit({
        type: 'child-failed',
        jobId: child.jobId,
        label: jobLabel(child),
        ...(child.statusReason ? {reason: child.statusReason} : {}),
        ...(child.exitCode !== undefined ? {exitCode: child.exitCode} : {}),
      })
    }
    if (this.options.streams) await this.arrayStreams(scope, counts, previous, moved, failed, listIf)
    return moved
  }

  /**
   * Finds the streams of an array's children. Children seen RUNNING are described again when
   * the finished counts move (cheaper than listing every finished child again each round); the
   * SUCCEEDED and FAILED lists are read only when more children finished than were seen so.
   */
  private async arrayStreams(
    scope: ListScope,
    counts: StatusCounts,
    previous: StatusCounts,
    moved: boolean,
    failed: JobSummaryInfo[],
    listIf: (status: JobStatus, when: boolean) => Promise<JobSummaryInfo[]>,
  ): Promise<void> {
    const toDescribe = new Set<string>()
    // Every round while one page holds them (a retry can start again between two rounds without
    // moving any count); bigger arrays when counts move and every fifth round.
    this.rounds++
    const running = await listIf('RUNNING', moved || counts.RUNNING <= 1000 || this.rounds % 5 === 0)
    const runningIds = new Set(running.map((child) => child.jobId))
    // A RUNNING child not seen before, or started again since (a retry: a new stream).
    for (const child of running) {
      if (!this.described.has(child.jobId) || (child.startedAt !== undefined && child.startedAt !== this.describedStart.get(child.jobId))) toDescribe.add(child.jobId)
    }
    if (counts.SUCCEEDED !== previous.SUCCEEDED || counts.FAILED !== previous.FAILED) {
      for (const [id, final] of this.described) if (!final && !runningIds.has(id)) toDescribe.add(id)
    }
    if (toDescribe.size > 0) this.noteStreams(await this.describe([...toDescribe]))
    let finalKnown = 0
    for (const final of this.described.values()) if (final) finalKnown++
    if (counts.SUCCEEDED + counts.FAILED <= finalKnown) return
    // Some children finished unseen (between two rounds): find them in the lists.
    const succeeded = await listIf('SUCCEEDED', true)
    const failedAll = failed.length > 0 || counts.FAILED === 0 ? failed : await listIf('FAILED', true)
    const unseen = [...succeeded, ...failedAll].filter((child) => this.described.get(child.jobId) !== true).map((child) => child.jobId)
    if (unseen.length > 0) this.noteStreams(await this.describe(unseen))
  }

  private async pollNodes(job: JobInfo): Promise<boolean> {
    const ids = Array.from({length: job.numNodes ?? 0}, (_, i) => `${job.jobId}#${i}`).filter((id) => this.described.get(id) !== true)
    if (ids.length === 0) return false
    const nodes = await this.describe(ids)
    let changed = false
    for (const node of nodes) {
      if (node.status === 'FAILED' && !this.failedSeen.has(node.jobId)) {
        this.failedSeen.add(node.jobId)
        changed = true
        this.emit({
          type: 'child-failed',
          jobId: node.jobId,
          label: jobLabel(node),
          ...(node.statusReason ? {reason: node.statusReason} : {}),
          ...(node.exitCode !== undefined ? {exitCode: node.exitCode} : {}),
        })
      }
    }
    if (this.options.streams) changed = this.noteStreams(nodes) || changed
    else for (const node of nodes) this.described.set(node.jobId, isTerminal(node.status))
    return changed
  }

  /** Emits the streams not seen before, or newly final; true if any. */
  private noteStreams(jobs: JobInfo[]): boolean {
    const fresh: Array<LogStreamRef & {final: boolean}> = []
    for (const job of jobs) {
      const final = isTerminal(job.status)
      this.described.set(job.jobId, final)
      this.describedStart.set(job.jobId, job.startedAt)
      for (const ref of streamsOf(job)) {
        const key = `${ref.logGroup}\u0000${ref.logStreamName}`
        // Every attempt but the last is over whatever the job's state.
        const refFinal = final || ref.attempt < streamsOf(job).length
        const before = this.streamFinal.get(key)
        if (before === undefined || (refFinal && !before)) {
          this.streamFinal.set(key, refFinal)
          fresh.push({...ref, final: refFinal})
        }
      }
    }
    if (fresh.length > 0) this.emit({type: 'streams', streams: fresh})
    return fresh.length > 0
  }
}

/** Adaptive polling: back to the minimum after a change, ×1.5 per idle round up to the maximum. */
export function nextInterval(current: number, changed: boolean, minMs: number, maxMs: number): number {
  return changed ? minMs : Math.min(maxMs, Math.round(current * 1.5))
}

/** Watches a job until it finishes; returns its final description. */
export async function watchJob(api: JobsApi, jobId: string, emit: (event: WatchEvent) => void, options: WatchOptions = {}): Promise<JobInfo> {
  const watcher = new JobWatcher(api, jobId, emit, options)
  const minMs = options.pollMinMs ?? 1_000
  const maxMs = options.pollMaxMs ?? 10_000
  let interval = minMs
  for (;;) {
    const changed = await watcher.poll()
    if (watcher.done) return watcher.current!
    interval = nextInterval(interval, changed, minMs, maxMs)
    await sleep(interval, options.signal)
  }
}
