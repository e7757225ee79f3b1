import type {JobDetail, JobSummary, ListJobsRequest, ListJobsResponse} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import type {BatchState} from '../state.js'
import {findQueue, nameFromArnOrName} from './resolve.js'
import {jobsRuntime} from './runtime.js'
import {isSpawned, JOB_STATUSES} from './status.js'

const FILTERS = ['JOB_NAME', 'JOB_DEFINITION', 'BEFORE_CREATED_AT', 'AFTER_CREATED_AT', 'SHARE_IDENTIFIER']

/** ListJobs' summary of a job (API reference, "JobSummary"). */
export function jobSummary(job: JobDetail): JobSummary {
  const summary: JobSummary = {
    jobArn: job.jobArn,
    jobId: job.jobId,
    jobName: job.jobName,
    createdAt: job.createdAt,
    status: job.status,
    jobDefinition: job.jobDefinition,
  }
  // API reference, "JobSummary": the share identifier, and (since September 2026) whether the
  // job was cancelled or terminated, so a FAILED job's cause shows without DescribeJobs.
  if (job.shareIdentifier !== undefined) summary.shareIdentifier = job.shareIdentifier
  if (job.isCancelled !== undefined) summary.isCancelled = job.isCancelled
  if (job.isTerminated !== undefined) summary.isTerminated = job.isTerminated
  if (job.statusReason !== undefined) summary.statusReason = job.statusReason
  if (job.startedAt !== undefined) summary.startedAt = job.startedAt
  if (job.stoppedAt !== undefined) summary.stoppedAt = job.stoppedAt
  if (job.container && (job.container.exitCode !== undefined || job.container.reason !== undefined)) {
    summary.container = {
      ...(job.container.exitCode !== undefined ? {exitCode: job.container.exitCode} : {}),
      ...(job.container.reason !== undefined ? {reason: job.container.reason} : {}),
    }
  }
  if (job.arrayProperties) summary.arrayProperties = structuredClone(job.arrayProperties)
  if (job.nodeDetails) {
    summary.nodeProperties = {isMainNode: job.nodeDetails.isMainNode, nodeIndex: job.nodeDetails.nodeIndex}
  }
  if (job.nodeProperties) summary.nodeProperties = {numNodes: job.nodeProperties.numNodes}
  return summary
}

/** `abc*` matches by prefix, anything else exactly; case-insensitive when asked. */
function wildcard(pattern: string, value: string | undefined, ignoreCase: boolean): boolean {
  if (value === undefined) return false
  const p = ignoreCase ? pattern.toLowerCase() : pattern
  const v = ignoreCase ? value.toLowerCase() : value
  return p.endsWith('*') ? v.startsWith(p.slice(0, -1)) : v === p
}

/** JOB_DEFINITION accepts a name or `name:revision`, each with an optional trailing `*`, or an exact ARN (API reference, ListJobs filters). */
function definitionMatches(pattern: string, arn: string | undefined): boolean {
  if (!arn) return false
  // "Asterisk (*) isn't supported when the ARN is used": an ARN names exactly one revision.
  if (pattern.startsWith('arn:')) return pattern === arn
  const nameRevision = nameFromArnOrName(arn)
  return pattern.includes(':') || pattern.endsWith('*')
    ? wildcard(pattern, nameRevision, false) || wildcard(pattern, nameRevision.split(':')[0], false)
    : nameRevision.split(':')[0] === pattern
}

function filterPredicate(filter: {name?: string; values?: string[]}): (job: JobDetail) => boolean {
  const value = filter.values?.[0]
  if (!filter.name || !FILTERS.includes(filter.name)) throw clientException(`Invalid filter name ${filter.name}. Valid names: ${FILTERS.join(', ')}.`)
  if (value === undefined || (filter.values?.length ?? 0) !== 1) throw clientException(`Filter ${filter.name} takes exactly one value.`)
  switch (filter.name) {
    case 'JOB_NAME':
      return (job) => wildcard(value, job.jobName, true)
    case 'JOB_DEFINITION':
      return (job) => definitionMatches(value, job.jobDefinition)
    case 'SHARE_IDENTIFIER':
      return (job) => wildcard(value, job.shareIdentifier, false)
    default: {
      const time = Number(value)
      if (!Number.isFinite(time)) throw clientException(`Filter ${filter.name} needs a timestamp in milliseconds, not ${value}.`)
      return filter.name === 'BEFORE_CREATED_AT' ? (job) => (job.createdAt ?? 0) < time : (job) => (job.createdAt ?? 0) > time
    }
  }
}

function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''))
  if (!Number.isInteger(offset) || offset < 0) throw clientException('Invalid nextToken.')
  return offset
}

/**
 * ListJobs (API reference, "ListJobs"): the jobs of one queue (array children and node jobs
 * excluded), the children of an array job, or the nodes of a multi-node job. Without
 * `jobStatus` only RUNNING jobs are listed; a filter ignores `jobStatus` and sorts newest first.
 */
export function listJobs(input: ListJobsRequest, {state}: RequestContext<BatchState>): ListJobsResponse {
  const scopes = [input.jobQueue, input.arrayJobId, input.multiNodeJobId].filter((value) => value !== undefined)
  if (scopes.length !== 1) throw clientException('Specify exactly one of jobQueue, arrayJobId and multiNodeJobId.')
  if (input.jobStatus !== undefined && !JOB_STATUSES.includes(input.jobStatus)) {
    throw clientException(`Invalid jobStatus ${input.jobStatus}.`)
  }
  if (input.maxResults !== undefined && (!Number.isInteger(input.maxResults) || input.maxResults < 1)) {
    throw clientException('maxResults must be at least 1.')
  }
  if ((input.filters?.length ?? 0) > 1) throw clientException('Only one filter can be used at a time.')
  // API reference, ListJobsRequest.maxResults: pages hold up to 1000 jobs, up to 100 with a filter.
  const pageLimit = input.filters?.length ? 100 : 1000
  const maxResults = Math.min(input.maxResults ?? pageLimit, pageLimit)
  const runtime = jobsRuntime(state)
  let ids: string[]
  if (input.jobQueue !== undefined) {
    const queue = findQueue(state, input.jobQueue)
    ids = queue ? (runtime.byQueue.get(queue.jobQueueName!) ?? []) : []
  } else {
    const parent = runtime.jobs.get((input.arrayJobId ?? input.multiNodeJobId)!)
    ids = (input.arrayJobId !== undefined ? parent?.children : parent?.nodes) ?? []
  }
  let jobs = ids.map((id) => state.jobs.get(id)).filter((job): job is JobDetail => job !== undefined && isSpawned(state, job))
  const filter = input.filters?.[0]
  if (filter) {
    const predicate = filterPredicate(filter)
    // SHARE_IDENTIFIER is the one filter AWS combines with jobStatus.
    const status = filter.name === 'SHARE_IDENTIFIER' ? input.jobStatus : undefined
    jobs = jobs.filter((job) => predicate(job) && (!status || job.status === status))
    jobs.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))
  } else {
    const status = input.jobStatus ?? 'RUNNING'
    jobs = jobs.filter((job) => job.status === status)
  }
  const offset = decodeToken(input.nextToken)
  const page = jobs.slice(offset, offset + maxResults)
  const next = offset + maxResults < jobs.length ? Buffer.from(`o:${offset + maxResults}`).toString('base64url') : undefined
  return {jobSummaryList: page.map(jobSummary), ...(next ? {nextToken: next} : {})}
}
