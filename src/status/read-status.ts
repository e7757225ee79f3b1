import type {JobStatus} from '../jobs/jobs-api.js'
import type {QueueJobsApi, QueueJobSummary} from './queue-jobs-api.js'
import {type ActiveJob, emptyCounts, type FailedJob, type QueueStatus, type StatusSnapshot} from './snapshot.js'

/** A project queue: its batch.yaml key and physical name. */
export interface QueueRef {
  key: string
  name: string
}

export interface StatusReaderOptions {
  /** Pages of 1000 jobs read per status and queue before the count is reported as a lower bound (default 5). */
  maxPages?: number
  /** Failures kept per queue (default 5). */
  maxFailures?: number
  /** Running jobs kept per queue, longest running first (default 20; `counts` has them all). */
  maxRunning?: number
  /** Re-list SUCCEEDED and FAILED at least this often even when no job was seen finishing (default 60 s). */
  terminalRefreshMs?: number
  now?: () => number
}

const ACTIVE: JobStatus[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING']
const TERMINAL: JobStatus[] = ['SUCCEEDED', 'FAILED']

interface Listing {
  jobs: QueueJobSummary[]
  truncated: boolean
}

interface QueueMemory {
  /** Ids listed in an active status by the last read. */
  active: Set<string>
  terminal?: Record<'SUCCEEDED' | 'FAILED', Listing>
  terminalAt: number
}

/**
 * Reads snapshots of the project's queues with as few Batch calls as stay correct: ListJobs per
 * active status each time (ListJobs takes one status; without one it lists only RUNNING), and the
 * SUCCEEDED and FAILED lists only when a job seen active is no longer listed active (it finished),
 * or every `terminalRefreshMs` (a job submitted and finished between two reads, or aged out).
 * An idle queue costs 5 calls per refresh; array progress comes with ListJobs' summaries.
 */
export class StatusReader {
  private readonly memory = new Map<string, QueueMemory>()
  private readonly now: () => number

  constructor(
    private readonly api: QueueJobsApi,
    private readonly queues: QueueRef[],
    private readonly options: StatusReaderOptions = {},
  ) {
    this.now = options.now ?? Date.now
  }

  async read(): Promise<StatusSnapshot> {
    let calls = 0
    const list = async (queue: string, status: JobStatus): Promise<Listing> => {
      const jobs: QueueJobSummary[] = []
      let token: string | undefined
      for (let page = 0; page < (this.options.maxPages ?? 5); page++) {
        calls++
        const out = await this.api.listQueueJobs(queue, status, token)
        jobs.push(...out.jobs)
        token = out.nextToken
        if (!token) return {jobs, truncated: false}
      }
      return {jobs, truncated: true}
    }
    const queues: QueueStatus[] = []
    // Queues one after another: a dashboard must not burst a team's shared Batch quota.
    for (const queue of this.queues) {
      const active = new Map<JobStatus, Listing>()
      for (const status of ACTIVE) active.set(status, await list(queue.name, status))
      const ids = new Set([...active.values()].flatMap((listing) => listing.jobs.map((job) => job.jobId)))
      const memory = this.memory.get(queue.name)
      const finished = memory !== undefined && [...memory.active].some((id) => !ids.has(id))
      const stale = memory?.terminal === undefined || this.now() - memory.terminalAt >= (this.options.terminalRefreshMs ?? 60_000)
      let terminal = memory?.terminal
      let terminalAt = memory?.terminalAt ?? 0
      if (!terminal || finished || stale) {
        terminal = {SUCCEEDED: await list(queue.name, 'SUCCEEDED'), FAILED: await list(queue.name, 'FAILED')}
        terminalAt = this.now()
      }
      this.memory.set(queue.name, {active: ids, terminal, terminalAt})
      queues.push(queueStatus(queue, new Map([...active, ...TERMINAL.map((s) => [s, terminal[s as 'SUCCEEDED' | 'FAILED']] as const)]), this.options))
    }
    return {takenAt: this.now(), queues, calls}
  }
}

function queueStatus(queue: QueueRef, lists: Map<JobStatus, Listing>, options: StatusReaderOptions): QueueStatus {
  const counts = emptyCounts()
  const truncated: JobStatus[] = []
  for (const [status, listing] of lists) {
    counts[status] = listing.jobs.length
    if (listing.truncated) truncated.push(status)
  }
  const arraysUnderWay = (lists.get('PENDING')?.jobs ?? []).filter(underWay)
  const running = [...arraysUnderWay, ...(lists.get('STARTING')?.jobs ?? []), ...(lists.get('RUNNING')?.jobs ?? [])]
    .map(activeJob)
    .sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.jobId.localeCompare(b.jobId))
    .slice(0, options.maxRunning ?? 20)
  const failures = [...(lists.get('FAILED')?.jobs ?? [])]
    .sort((a, b) => (b.stoppedAt ?? b.createdAt ?? 0) - (a.stoppedAt ?? a.createdAt ?? 0) || a.jobId.localeCompare(b.jobId))
    .slice(0, options.maxFailures ?? 5)
    .map(failedJob)
  return {key: queue.key, name: queue.name, counts, truncated, running, failures}
}

/** An array parent (PENDING) some of whose children started or finished. */
function underWay(job: QueueJobSummary): boolean {
  const summary = job.statusSummary
  return job.arraySize !== undefined && summary !== undefined && (['STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const).some((s) => (summary[s] ?? 0) > 0)
}

function activeJob(job: QueueJobSummary): ActiveJob {
  return {
    jobId: job.jobId,
    jobName: job.jobName,
    status: job.status === 'STARTING' || job.status === 'PENDING' ? job.status : 'RUNNING',
    ...(job.startedAt !== undefined ? {startedAt: job.startedAt} : {}),
    ...(job.createdAt !== undefined ? {createdAt: job.createdAt} : {}),
    ...(job.arraySize !== undefined ? {arraySize: job.arraySize} : {}),
    ...(job.statusSummary ? {progress: job.statusSummary} : {}),
    ...(job.numNodes !== undefined ? {numNodes: job.numNodes} : {}),
  }
}

function failedJob(job: QueueJobSummary): FailedJob {
  return {
    jobId: job.jobId,
    jobName: job.jobName,
    ...(job.statusReason ? {statusReason: job.statusReason} : {}),
    ...(job.exitCode !== undefined ? {exitCode: job.exitCode} : {}),
    ...(job.stoppedAt !== undefined ? {stoppedAt: job.stoppedAt} : {}),
    ...(job.arraySize !== undefined ? {arraySize: job.arraySize} : {}),
    ...(job.statusSummary ? {progress: job.statusSummary} : {}),
  }
}
