import type {BatchConfig} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import {followJob, type FollowEvent} from './follow.js'
import {type JobsApi, type JobStatus, type LogsApi, SubmitOutcomeUnknown} from './jobs-api.js'
import {resolveSubmitTarget} from './resolve-target.js'
import {submitOnce, type SubmitOptions, type SubmitResult} from './submit.js'
import {buildSubmitRequest, checkJobName, type SubmitSpec} from './submit-request.js'

export type SubmitWait = 'none' | 'wait' | 'follow'

export interface RunSubmitInput {
  /** `<job>`: batch.yaml key, definition name, name:revision or ARN. */
  job: string
  config?: BatchConfig
  env?: string
  queue?: string
  jobName?: string
  overrides: Omit<SubmitSpec, 'definition' | 'jobQueue' | 'jobName'>
  wait: SubmitWait
  /** Terminate the job when the signal aborts (Ctrl-C during --wait/--follow). */
  cancelOnExit?: boolean
  signal?: AbortSignal
  submit?: SubmitOptions
  /** Called once the job exists, before any waiting. */
  onSubmitted?: (result: SubmitSummary) => void
  onEvent?: (event: FollowEvent) => void
  /** Polling bounds (tests shorten them). */
  pollMinMs?: number
  pollMaxMs?: number
}

/** What `submit --json` prints. */
export interface SubmitSummary extends SubmitResult {
  jobQueue: string
  jobDefinition: string
  arraySize?: number
  numNodes?: number
  /** With --wait/--follow: the final status. */
  status?: JobStatus
  statusReason?: string
}

/** Resolves, submits exactly once and optionally waits or follows; never resubmits. */
export async function runSubmit(jobs: JobsApi, logs: LogsApi | undefined, input: RunSubmitInput): Promise<SubmitSummary> {
  const target = await resolveSubmitTarget(jobs, input.job, {
    ...(input.config ? {config: input.config} : {}),
    ...(input.env !== undefined ? {env: input.env} : {}),
    ...(input.queue !== undefined ? {queue: input.queue} : {}),
  })
  const request = buildSubmitRequest({
    ...input.overrides,
    definition: target.definition,
    jobQueue: target.jobQueue,
    jobName: checkJobName(input.jobName ?? target.defaultName),
  })
  let result: SubmitResult
  try {
    result = await submitOnce(jobs, request, {...input.submit, ...(input.signal ? {signal: input.signal} : {})})
  } catch (error) {
    if (error instanceof SubmitOutcomeUnknown) {
      throw new UserError(`could not tell whether job ${request.jobName} was submitted: ${error.message}`, {
        code: 'submit-outcome-unknown',
        hints: [`look for it before submitting again: jobs named ${request.jobName} in ${request.jobQueue} tagged batchctl:submission-id`],
      })
    }
    throw error
  }
  const summary: SubmitSummary = {
    ...result,
    jobQueue: target.jobQueue,
    jobDefinition: target.definition.arn,
    ...(request.arrayProperties ? {arraySize: request.arrayProperties.size} : {}),
    ...(request.nodeOverrides?.numNodes !== undefined ? {numNodes: request.nodeOverrides.numNodes} : {}),
  }
  input.onSubmitted?.(summary)
  if (input.wait === 'none') return summary
  try {
    const final = await followJob(jobs, logs, result.jobId, input.onEvent ?? (() => {}), {
      withLogs: input.wait === 'follow',
      follow: true,
      ...(input.signal ? {signal: input.signal} : {}),
      ...(input.pollMinMs !== undefined ? {pollMinMs: input.pollMinMs} : {}),
      ...(input.pollMaxMs !== undefined ? {pollMaxMs: input.pollMaxMs} : {}),
    })
    return {...summary, status: final.status, ...(final.statusReason ? {statusReason: final.statusReason} : {})}
  } catch (error) {
    if (input.signal?.aborted) {
      if (input.cancelOnExit) await jobs.terminateJob(result.jobId, 'batchctl submit --cancel-on-exit: interrupted')
      throw new UserError(`interrupted while waiting for ${result.jobId}${input.cancelOnExit ? '; the job was terminated' : '; the job keeps running'}`, {
        code: 'interrupted',
        hints: input.cancelOnExit ? [] : [`batchctl logs ${result.jobId} --follow`],
      })
    }
    throw error
  }
}
