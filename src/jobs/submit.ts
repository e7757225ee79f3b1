import {randomUUID} from 'node:crypto'

import {sleep} from './call-budget.js'
import {type JobsApi, SUBMISSION_TAG, type SubmitRequest, type SubmittedJob, SubmitOutcomeUnknown} from './jobs-api.js'

/** The job a submission started, and how we know. */
export interface SubmitResult extends SubmittedJob {
  /** Value of the `batchctl:submission-id` tag on the job. */
  submissionId: string
  /** True when SubmitJob's answer was lost and the job was found by its tag instead. */
  recovered: boolean
  /** SubmitJob calls made (1 unless an attempt's outcome was unknown and no job was found). */
  submitCalls: number
}

export interface SubmitOptions {
  /**
   * Waits before each look-up after an unknown outcome: a request that timed out on our side
   * may still be carried out a moment later, so one immediate look-up is not proof.
   */
  lookupDelaysMs?: number[]
  /** SubmitJob calls at most (default 3). */
  maxSubmits?: number
  submissionId?: string
  signal?: AbortSignal
}

/** The job tagged with `submissionId` among the queue's jobs of that name, if any. */
export async function findSubmission(api: JobsApi, request: SubmitRequest, submissionId: string): Promise<SubmittedJob | undefined> {
  const candidates = await api.findJobsByName(request.jobQueue, request.jobName)
  for (let i = 0; i < candidates.length; i += 100) {
    const details = await api.describeJobs(candidates.slice(i, i + 100).map((job) => job.jobId))
    const match = details.find((job) => job.tags[SUBMISSION_TAG] === submissionId)
    if (match) return {jobId: match.jobId, jobName: match.jobName, ...(match.jobArn ? {jobArn: match.jobArn} : {})}
  }
  return undefined
}

/**
 * Submits a job exactly once. SubmitJob has no idempotency token, so every submission carries a
 * unique `batchctl:submission-id` tag; when an attempt's outcome is unknown (lost answer,
 * timeout, 5xx) the job is looked up by name and tag before any new attempt.
 */
export async function submitOnce(api: JobsApi, request: SubmitRequest, options: SubmitOptions = {}): Promise<SubmitResult> {
  const submissionId = options.submissionId ?? randomUUID()
  const tagged: SubmitRequest = {...request, tags: {...request.tags, [SUBMISSION_TAG]: submissionId}}
  const maxSubmits = options.maxSubmits ?? 3
  const delays = options.lookupDelaysMs ?? [0, 2_000, 5_000]
  let lastError: SubmitOutcomeUnknown | undefined
  for (let call = 1; call <= maxSubmits; call++) {
    try {
      const job = await api.submitJob(tagged)
      return {...job, submissionId, recovered: false, submitCalls: call}
    } catch (error) {
      if (!(error instanceof SubmitOutcomeUnknown)) throw error
      lastError = error
    }
    for (const delay of delays) {
      if (delay > 0) await sleep(delay, options.signal)
      const found = await findSubmission(api, tagged, submissionId)
      if (found) return {...found, submissionId, recovered: true, submitCalls: call}
    }
  }
  throw lastError ?? new Error('unreachable')
}
