import {
  type BatchClient,
  DescribeJobDefinitionsCommand,
  type DescribeJobDefinitionsCommandInput,
  DescribeJobsCommand,
  type JobDefinition,
  type JobDetail,
  type JobSummary,
  ListJobsCommand,
  type ListJobsCommandInput,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch'

import type {
  JobDefinitionInfo,
  JobInfo,
  JobsApi,
  JobStatus,
  JobSummaryInfo,
  ListScope,
  SubmitRequest,
  SubmittedJob,
} from '../../jobs/jobs-api.js'
import {SubmitOutcomeUnknown} from '../../jobs/jobs-api.js'
import {addSubmitOutcomeGuard} from './submit-outcome.js'
import type {QueueJobSummary} from '../../status/queue-jobs-api.js'

/** AWS Batch's default log group for the awslogs driver. */
export const DEFAULT_JOB_LOG_GROUP = '/aws/batch/job'

export interface BatchJobsOptions {
  /** Give up waiting for SubmitJob's answer after this long (then look the job up). Default 30 s. */
  submitTimeoutMs?: number
}

function toInfo(job: JobDetail): JobInfo {
  const container = job.container
  const group = container?.logConfiguration?.options?.['awslogs-group']
  return {
    jobId: job.jobId!,
    jobName: job.jobName!,
    ...(job.jobArn ? {jobArn: job.jobArn} : {}),
    ...(job.jobQueue ? {jobQueue: job.jobQueue} : {}),
    status: job.status as JobStatus,
    ...(job.statusReason ? {statusReason: job.statusReason} : {}),
    ...(job.createdAt !== undefined ? {createdAt: job.createdAt} : {}),
    ...(job.startedAt !== undefined ? {startedAt: job.startedAt} : {}),
    ...(job.stoppedAt !== undefined ? {stoppedAt: job.stoppedAt} : {}),
    ...(job.arrayProperties?.size !== undefined ? {arraySize: job.arrayProperties.size} : {}),
    ...(job.arrayProperties?.index !== undefined ? {arrayIndex: job.arrayProperties.index} : {}),
    ...(job.arrayProperties?.statusSummary ? {statusSummary: job.arrayProperties.statusSummary as Partial<Record<JobStatus, number>>} : {}),
    ...(job.nodeProperties?.numNodes !== undefined ? {numNodes: job.nodeProperties.numNodes} : {}),
    ...(job.nodeDetails?.nodeIndex !== undefined ? {nodeIndex: job.nodeDetails.nodeIndex} : {}),
    logGroup: group ?? DEFAULT_JOB_LOG_GROUP,
    ...(container?.logStreamName ? {logStreamName: container.logStreamName} : {}),
    ...(container?.exitCode !== undefined ? {exitCode: container.exitCode} : {}),
    attempts: (job.attempts ?? []).map((attempt) => ({
      ...(attempt.container?.logStreamName ? {logStreamName: attempt.container.logStreamName} : {}),
      ...(attempt.container?.exitCode !== undefined ? {exitCode: attempt.container.exitCode} : {}),
      ...(attempt.container?.reason ? {reason: attempt.container.reason} : {}),
      ...(attempt.statusReason ? {statusReason: attempt.statusReason} : {}),
      ...(attempt.startedAt !== undefined ? {startedAt: attempt.startedAt} : {}),
      ...(attempt.stoppedAt !== undefined ? {stoppedAt: attempt.stoppedAt} : {}),
    })),
    tags: job.tags ?? {},
  }
}

function toSummary(job: JobSummary): JobSummaryInfo {
  return {
    jobId: job.jobId!,
    jobName: job.jobName!,
    status: job.status as JobStatus,
    ...(job.statusReason ? {statusReason: job.statusReason} : {}),
    ...(job.container?.exitCode !== undefined ? {exitCode: job.container.exitCode} : {}),
    ...(job.createdAt !== undefined ? {createdAt: job.createdAt} : {}),
    ...(job.startedAt !== undefined ? {startedAt: job.startedAt} : {}),
    ...(job.arrayProperties?.index !== undefined ? {arrayIndex: job.arrayProperties.index} : {}),
  }
}

function toDefinition(def: JobDefinition): JobDefinitionInfo {
  return {
    name: def.jobDefinitionName!,
    revision: def.revision!,
    arn: def.jobDefinitionArn!,
    type: def.type === 'multinode' ? 'multinode' : 'container',
  }
}

/** The Batch calls the jobs services make, over the SDK. */
export class BatchJobs implements JobsApi {
  constructor(
    private readonly batch: BatchClient,
    private readonly options: BatchJobsOptions = {},
  ) {}

  async submitJob(request: SubmitRequest): Promise<SubmittedJob> {
    const command = new SubmitJobCommand(request)
    addSubmitOutcomeGuard(command.middlewareStack)
    const signal = AbortSignal.timeout(this.options.submitTimeoutMs ?? 30_000)
    try {
      const out = await this.batch.send(command, {abortSignal: signal})
      return {jobId: out.jobId!, jobName: out.jobName!, ...(out.jobArn ? {jobArn: out.jobArn} : {})}
    } catch (error) {
      // An abort raised before the request went out still leaves the outcome unknown to us.
      if (signal.aborted && !(error instanceof SubmitOutcomeUnknown)) {
        throw new SubmitOutcomeUnknown('SubmitJob timed out', error)
      }
      throw error
    }
  }

  async describeJobs(jobIds: string[]): Promise<JobInfo[]> {
    if (jobIds.length === 0) return []
    if (jobIds.length > 100) throw new RangeError('DescribeJobs takes at most 100 job ids')
    const out = await this.batch.send(new DescribeJobsCommand({jobs: jobIds}))
    return (out.jobs ?? []).map(toInfo)
  }

  async listJobs(scope: ListScope, status: JobStatus, nextToken?: string): Promise<{jobs: JobSummaryInfo[]; nextToken?: string}> {
    const input: ListJobsCommandInput = {...scope, jobStatus: status, maxResults: 1000, ...(nextToken ? {nextToken} : {})}
    const page = await this.batch.send(new ListJobsCommand(input))
    return {jobs: (page.jobSummaryList ?? []).map(toSummary), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
  }

  async findJobsByName(jobQueue: string, jobName: string): Promise<JobSummaryInfo[]> {
    const page = await this.batch.send(new ListJobsCommand({jobQueue, filters: [{name: 'JOB_NAME', values: [jobName]}], maxResults: 100}))
    return (page.jobSummaryList ?? []).map(toSummary)
  }

  async describeJobDefinition(nameOrArn: string): Promise<JobDefinitionInfo | undefined> {
    if (nameOrArn.startsWith('arn:') || nameOrArn.includes(':')) {
      const out = await this.batch.send(new DescribeJobDefinitionsCommand({jobDefinitions: [nameOrArn]}))
      const def = out.jobDefinitions?.[0]
      return def ? toDefinition(def) : undefined
    }
    let latest: JobDefinition | undefined
    let nextToken: string | undefined
    do {
      const input: DescribeJobDefinitionsCommandInput = {jobDefinitionName: nameOrArn, status: 'ACTIVE', ...(nextToken ? {nextToken} : {})}
      const page = await this.batch.send(new DescribeJobDefinitionsCommand(input))
      for (const def of page.jobDefinitions ?? []) if (!latest || (def.revision ?? 0) > (latest.revision ?? 0)) latest = def
      nextToken = page.nextToken
    } while (nextToken)
    return latest ? toDefinition(latest) : undefined
  }

  async terminateJob(jobId: string, reason: string): Promise<void> {
    await this.batch.send(new TerminateJobCommand({jobId, reason}))
  }

  /** One page of ListJobs of a queue in one status, with array progress and node counts (for `status`). */
  async listQueueJobs(jobQueue: string, status: JobStatus, nextToken?: string): Promise<{jobs: QueueJobSummary[]; nextToken?: string}> {
    const page = await this.batch.send(new ListJobsCommand({jobQueue, jobStatus: status, maxResults: 1000, ...(nextToken ? {nextToken} : {})}))
    return {jobs: (page.jobSummaryList ?? []).map(toQueueSummary), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
  }
}

/** A ListJobs summary as the status dashboard reads it (statusSummary is returned for array parents). */
function toQueueSummary(job: JobSummary): QueueJobSummary {
  return {
    ...toSummary(job),
    ...(job.stoppedAt !== undefined ? {stoppedAt: job.stoppedAt} : {}),
    ...(job.arrayProperties?.size !== undefined ? {arraySize: job.arrayProperties.size} : {}),
    ...(job.arrayProperties?.statusSummary ? {statusSummary: job.arrayProperties.statusSummary as Partial<Record<JobStatus, number>>} : {}),
    ...(job.nodeProperties?.numNodes !== undefined ? {numNodes: job.nodeProperties.numNodes} : {}),
  }
}
