/**
 * The narrow view of AWS Batch and CloudWatch Logs the jobs services use. The SDK-backed
 * implementation lives in `src/aws/jobs/`; services receive these as parameters, so they hold
 * no SDK types and tests need no module mocking.
 */

/** Batch job states, in lifecycle order. */
export const JOB_STATUSES = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export function isTerminal(status: JobStatus): status is 'SUCCEEDED' | 'FAILED' {
  return status === 'SUCCEEDED' || status === 'FAILED'
}

/** The tag that makes a submission findable again when SubmitJob's answer is lost. */
export const SUBMISSION_TAG = 'batchctl:submission-id'

/** One attempt of a job (AttemptDetail). */
export interface JobAttempt {
  logStreamName?: string
  exitCode?: number
  reason?: string
  statusReason?: string
  startedAt?: number
  stoppedAt?: number
}

/** The parts of a JobDetail batchctl reads. */
export interface JobInfo {
  jobId: string
  jobName: string
  jobArn?: string
  jobQueue?: string
  status: JobStatus
  statusReason?: string
  createdAt?: number
  startedAt?: number
  stoppedAt?: number
  /** Array parent: its size; child: its index. */
  arraySize?: number
  arrayIndex?: number
  /** Array parent: children per status. */
  statusSummary?: Partial<Record<JobStatus, number>>
  /** Multi-node parent: number of nodes; node job: its index. */
  numNodes?: number
  nodeIndex?: number
  /** Log group of the awslogs driver (`/aws/batch/job` unless the definition says otherwise). */
  logGroup: string
  /** Stream of the current (or last) attempt. */
  logStreamName?: string
  exitCode?: number
  attempts: JobAttempt[]
  tags: Record<string, string>
}

/** The parts of a JobSummary (ListJobs) batchctl reads. */
export interface JobSummaryInfo {
  jobId: string
  jobName: string
  status: JobStatus
  statusReason?: string
  exitCode?: number
  createdAt?: number
  /** Start of the current attempt: a new value on a RUNNING child means a retry started. */
  startedAt?: number
  arrayIndex?: number
}

/** Which jobs ListJobs looks at: exactly one scope. */
export type ListScope = {jobQueue: string} | {arrayJobId: string} | {multiNodeJobId: string}

/** A SubmitJob request in batchctl's terms (a subset of SubmitJobRequest, same field names). */
export interface SubmitRequest {
  jobName: string
  jobQueue: string
  jobDefinition: string
  parameters?: Record<string, string>
  arrayProperties?: {size: number}
  dependsOn?: Array<{jobId: string; type?: 'N_TO_N' | 'SEQUENTIAL'}>
  containerOverrides?: ContainerOverrides
  nodeOverrides?: {numNodes?: number; nodePropertyOverrides?: Array<{targetNodes: string; containerOverrides: ContainerOverrides}>}
  retryStrategy?: {attempts: number}
  timeout?: {attemptDurationSeconds: number}
  tags?: Record<string, string>
  propagateTags?: boolean
}

export interface ContainerOverrides {
  command?: string[]
  environment?: Array<{name: string; value: string}>
  resourceRequirements?: Array<{type: 'VCPU' | 'MEMORY' | 'GPU'; value: string}>
}

export interface SubmittedJob {
  jobId: string
  jobName: string
  jobArn?: string
}

/** A registered job definition revision. */
export interface JobDefinitionInfo {
  name: string
  revision: number
  arn: string
  type: 'container' | 'multinode'
}

/**
 * SubmitJob failed in a way that may have reached AWS (network error, timeout, 5xx): the job
 * may or may not exist. Thrown by the adapter instead of letting the SDK retry, because
 * SubmitJob has no idempotency token and a blind retry can start the job twice.
 */
export class SubmitOutcomeUnknown extends Error {
  override readonly name = 'SubmitOutcomeUnknown'
  constructor(
    message: string,
    /** The underlying error (kept out of `cause`: the SDK's retry classifier follows `cause`). */
    readonly original: unknown,
  ) {
    super(message)
  }
}

export interface JobsApi {
  /** SubmitJob; throws SubmitOutcomeUnknown when the outcome is unknown. */
  submitJob(request: SubmitRequest): Promise<SubmittedJob>
  /** DescribeJobs for at most 100 ids; unknown ids are absent from the result. */
  describeJobs(jobIds: string[]): Promise<JobInfo[]>
  /** One page (up to 1000 jobs) of ListJobs in one scope and status. */
  listJobs(scope: ListScope, status: JobStatus, nextToken?: string): Promise<{jobs: JobSummaryInfo[]; nextToken?: string}>
  /** ListJobs in a queue with the JOB_NAME filter (every status, newest first), first page only. */
  findJobsByName(jobQueue: string, jobName: string): Promise<JobSummaryInfo[]>
  /** A revision (`name:rev` or ARN), or the latest ACTIVE revision of a name; undefined when none. */
  describeJobDefinition(nameOrArn: string): Promise<JobDefinitionInfo | undefined>
  terminateJob(jobId: string, reason: string): Promise<void>
}

/** One event of FilterLogEvents. */
export interface LogEvent {
  logStreamName: string
  timestamp: number
  message: string
  eventId: string
  ingestionTime?: number
}

export interface FilterRequest {
  logGroupName: string
  /** 1 to 100 stream names. */
  logStreamNames: string[]
  startTime?: number
  endTime?: number
  filterPattern?: string
  nextToken?: string
}

/** FilterLogEvents named a stream (or group) that does not exist (yet): ResourceNotFoundException. */
export class LogStreamMissing extends Error {
  override readonly name = 'LogStreamMissing'
}

/** A StartLiveTail session on one log group, limited to stream name prefixes. */
export interface LiveTailRequest {
  logGroupName: string
  /** The group's account: StartLiveTail takes log group ARNs. The adapter may know it otherwise. */
  accountId?: string
  /** 1 to 100 prefixes (logStreamNamePrefixes). */
  logStreamNamePrefixes: string[]
  filterPattern?: string
}

/** One event of a Live Tail update (LiveTailSessionLogEvent): no eventId. */
export interface LiveTailEvent {
  logStreamName: string
  timestamp: number
  ingestionTime: number
  message: string
}

/** What a Live Tail session sends: one `start`, then an `update` about every second. */
export type LiveTailMessage = {type: 'start'; sessionId: string} | {type: 'update'; events: LiveTailEvent[]; sampled: boolean}

/** Live Tail cannot be used here at all (no account for the ARN, an endpoint that does not serve it): never retried. */
export class LiveTailUnavailable extends Error {
  override readonly name = 'LiveTailUnavailable'
}

export interface LogsApi {
  /** One page of FilterLogEvents. */
  filterLogEvents(request: FilterRequest): Promise<{events: LogEvent[]; nextToken?: string}>
  /**
   * StartLiveTail: resolves once the session's stream is open; the iterable ends or throws
   * (SessionTimeoutException, SessionStreamingException, an abort) when the session does.
   * Optional: without it followers poll.
   */
  startLiveTail?(request: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailMessage>>
}
