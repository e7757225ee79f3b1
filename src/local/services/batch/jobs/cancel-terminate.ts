import type {
  CancelJobRequest,
  CancelJobsRequest,
  CancelJobsResponse,
  TerminateJobRequest,
  TerminateJobsRequest,
  TerminateJobsResponse,
} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import type {BatchState} from '../state.js'
import {stopAttempt} from './attempts.js'
import {complete} from './lifecycle.js'
import {jobPair, jobsRuntime} from './runtime.js'
import {isTerminal} from './status.js'

function requireReason(reason: string | undefined): void {
  if (reason === undefined) throw clientException('reason is required.')
  if (reason.length > 1024) throw clientException('reason must be at most 1024 characters.')
}

function requireJob(state: BatchState, input: {jobId?: string; reason?: string}): void {
  if (!input.jobId) throw clientException('jobId is required.')
  requireReason(input.reason)
  if (!state.jobs.has(input.jobId)) throw clientException(`Job ${input.jobId} not found.`)
}

/** Fails a job that has not reached STARTING; later states are left alone, as AWS does. */
function cancelOne(state: BatchState, id: string, reason: string): void {
  const {job, rt} = jobPair(state, id)
  if (rt.children) {
    // The array parent finishes when its children do.
    job.isCancelled = true
    for (const childId of rt.children) cancelOne(state, childId, reason)
    return
  }
  if (!['SUBMITTED', 'PENDING', 'RUNNABLE'].includes(job.status ?? '')) return
  job.isCancelled = true
  if (job.status === 'PENDING' && rt.released && rt.blockers > 0) {
    // "A PENDING job is canceled after all dependency jobs are completed."
    rt.cancelReason ??= reason
    return
  }
  complete(state, id, 'FAILED', reason)
}

/**
 * CancelJob (API reference, "CancelJob"): SUBMITTED, PENDING and RUNNABLE jobs become FAILED
 * with the reason — a PENDING job only once its dependencies have finished; STARTING and
 * RUNNING jobs are not cancelled, yet the call succeeds. An array parent cancels its children
 * and finishes when they all have.
 */
export function cancelJob(input: CancelJobRequest, {state}: RequestContext<BatchState>): Record<string, never> {
  requireJob(state, input)
  cancelOne(state, input.jobId!, input.reason!)
  return {}
}

/** TerminateJob on one job id (its array children or nodes included). */
export function terminateOne(state: BatchState, id: string, reason: string): void {
  const {job, rt} = jobPair(state, id)
  if (rt.children) {
    job.isTerminated = true
    for (const childId of rt.children) terminateOne(state, childId, reason)
    return
  }
  if (isTerminal(job.status)) return
  job.isTerminated = true
  if (job.status === 'STARTING' || job.status === 'RUNNING') {
    stopAttempt(state, id, reason)
    return
  }
  cancelOne(state, id, reason)
}

/**
 * TerminateJob (API reference, "TerminateJob"): STARTING and RUNNING jobs are stopped and
 * FAILED with the reason (no retry); jobs not yet STARTING are cancelled. Array parents and
 * multi-node jobs take their children / nodes with them.
 */
export function terminateJob(input: TerminateJobRequest, {state}: RequestContext<BatchState>): Record<string, never> {
  requireJob(state, input)
  terminateOne(state, input.jobId!, input.reason!)
  return {}
}

/** Most job ids CancelJobs and TerminateJobs take in one request. */
const MAX_BULK_JOBS = 50

/**
 * CancelJobs / TerminateJobs (API reference, "CancelJobs", "TerminateJobs"): the singular
 * operation for up to 50 job ids, reported per job in `successful` and `errors` with HTTP 200.
 * "Jobs that can't be found are treated as successfully processed." A malformed id (here: empty)
 * is an error entry with code ValidationException; a malformed request as a whole (no ids, more
 * than 50, no reason) is a ClientException.
 */
function bulk(state: BatchState, input: {jobs?: string[]; reason?: string}, one: (id: string, reason: string) => void): {successful: string[]; errors: {job: string; code: string; message: string}[]} {
  const ids = input.jobs
  if (!Array.isArray(ids) || ids.length === 0) throw clientException('jobs is required.')
  if (ids.length > MAX_BULK_JOBS) throw clientException(`jobs can contain at most ${MAX_BULK_JOBS} job IDs.`)
  requireReason(input.reason)
  const successful: string[] = []
  const errors: {job: string; code: string; message: string}[] = []
  for (const id of ids) {
    if (typeof id !== 'string' || id === '') {
      errors.push({job: String(id ?? ''), code: 'ValidationException', message: 'The job ID is not valid.'})
      continue
    }
    if (state.jobs.has(id)) one(id, input.reason!)
    successful.push(id)
  }
  return {successful, errors}
}

export function cancelJobs(input: CancelJobsRequest, {state}: RequestContext<BatchState>): CancelJobsResponse {
  return bulk(state, input, (id, reason) => cancelOne(state, id, reason))
}

export function terminateJobs(input: TerminateJobsRequest, {state}: RequestContext<BatchState>): TerminateJobsResponse {
  return bulk(state, input, (id, reason) => terminateOne(state, id, reason))
}

/** Why a job that was still in a deleted queue failed (AWS documents the termination, not its wording). */
export const QUEUE_DELETED_REASON = 'Job queue deleted'

/**
 * DeleteJobQueue (API reference, "DeleteJobQueue"): "All jobs in the queue are eventually
 * terminated when you delete a job queue." Every job of the queue that has not finished is
 * terminated as TerminateJob would: running attempts stop, the rest are cancelled, all FAILED.
 */
export function terminateQueueJobs(state: BatchState, queueName: string): void {
  const ids = jobsRuntime(state).byQueue.get(queueName) ?? []
  for (const id of ids) {
    if (!isTerminal(state.jobs.get(id)?.status)) terminateOne(state, id, QUEUE_DELETED_REASON)
  }
}
