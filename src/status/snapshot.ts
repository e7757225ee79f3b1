import {JOB_STATUSES, type JobStatus} from '../jobs/jobs-api.js'

/** Jobs per status in a queue (array children and nodes not counted: ListJobs by queue omits them). */
export type QueueCounts = Record<JobStatus, number>

/**
 * A job in STARTING or RUNNING, or an array parent with children under way: a parent is only ever
 * SUBMITTED, PENDING, SUCCEEDED or FAILED (Batch user guide, "Array jobs"), so a running array
 * shows as PENDING with its children's progress.
 */
export interface ActiveJob {
  jobId: string
  jobName: string
  status: 'PENDING' | 'STARTING' | 'RUNNING'
  /** When the current attempt started; absent while STARTING. */
  startedAt?: number
  createdAt?: number
  /** Array parent: its size and children per status. */
  arraySize?: number
  progress?: Partial<Record<JobStatus, number>>
  numNodes?: number
}

/** A FAILED job with what Batch says about why. */
export interface FailedJob {
  jobId: string
  jobName: string
  statusReason?: string
  exitCode?: number
  stoppedAt?: number
  /** Array parent: its size and children per status (how many children failed). */
  arraySize?: number
  progress?: Partial<Record<JobStatus, number>>
}

/** One job queue of the project. */
export interface QueueStatus {
  /** batch.yaml key. */
  key: string
  /** Physical name. */
  name: string
  counts: QueueCounts
  /** Statuses with more jobs than were listed (the count is a lower bound). */
  truncated: JobStatus[]
  /** Running and starting jobs, longest running first. */
  running: ActiveJob[]
  /** The most recent failures, newest first. */
  failures: FailedJob[]
}

/** What `batchctl status` shows and prints with --json. */
export interface StatusSnapshot {
  /** Epoch ms when the snapshot was read. */
  takenAt: number
  queues: QueueStatus[]
  /** Batch calls made for this snapshot. */
  calls: number
}

export function emptyCounts(): QueueCounts {
  return Object.fromEntries(JOB_STATUSES.map((status) => [status, 0])) as QueueCounts
}

/**
 * Whether two snapshots show the same thing (counts, running jobs and their progress, failures):
 * an unchanged dashboard lets the refresh slow down.
 */
export function sameSnapshot(a: StatusSnapshot | undefined, b: StatusSnapshot): boolean {
  if (!a) return false
  const essence = (s: StatusSnapshot) => JSON.stringify(s.queues)
  return essence(a) === essence(b)
}
