import type {JobStatus} from '../jobs/jobs-api.js'

/**
 * A queue's job as ListJobs summarises it, with what the dashboard shows: array progress
 * (`arrayProperties.statusSummary`, which ListJobs returns for array parents, so no DescribeJobs
 * is needed per array) and the number of nodes of a multi-node job.
 */
export interface QueueJobSummary {
  jobId: string
  jobName: string
  status: JobStatus
  statusReason?: string
  exitCode?: number
  createdAt?: number
  startedAt?: number
  stoppedAt?: number
  /** Array parent: its size. */
  arraySize?: number
  /** Array parent: children per status. */
  statusSummary?: Partial<Record<JobStatus, number>>
  /** Multi-node parent: its number of nodes. */
  numNodes?: number
}

/** The one Batch call the status snapshot makes; `BatchJobs` implements it over the SDK. */
export interface QueueJobsApi {
  /** One page (up to 1000 jobs) of ListJobs of a queue in one status. */
  listQueueJobs(jobQueue: string, status: JobStatus, nextToken?: string): Promise<{jobs: QueueJobSummary[]; nextToken?: string}>
}
