import type {ExecutionInfo, ExecutionsApi, JobProgress} from './executions-api.js'
import type {RunEvent} from './run-events.js'
import {type StepLayout, stepLayout, StepTracker} from './step-tracker.js'

export interface FollowOptions {
  /** Called with each event as it is derived. */
  emit: (event: RunEvent) => void
  /** Pause between polls (default 2000 ms: GetExecutionHistory is throttled per account). */
  pollMs?: number
  /** Stops following (the execution keeps running); the execution is described as it is then. */
  signal?: AbortSignal
}

const FINAL_JOB_STATES = new Set(['SUCCEEDED', 'FAILED'])

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, {once: true})
  })
}

function progressKey(job: JobProgress): string {
  return JSON.stringify([job.status, job.arraySize, job.statusSummary])
}

/**
 * Follows an execution until it ends: polls only the history events after the last one seen,
 * derives step transitions from them, polls the Batch jobs the steps submitted (one batched
 * DescribeJobs per poll) for array progress, and ends with the execution's outcome.
 */
export async function followRun(api: ExecutionsApi, executionArn: string, options: FollowOptions): Promise<ExecutionInfo> {
  const {emit, pollMs = 2000, signal} = options
  let layout: StepLayout
  try {
    layout = stepLayout(await api.definition(executionArn))
  } catch {
    // Without the definition steps still appear, as their events arrive.
    layout = {steps: [], topOf: new Map()}
  }
  if (layout.steps.length > 0) emit({type: 'steps', steps: layout.steps})
  const tracker = new StepTracker(layout)
  const jobs = new Map<string, {step: string; key?: string; final: boolean}>()
  let lastId = 0

  /** One DescribeJobs round for the open jobs (of one step, or all). */
  const pollJobs = async (step?: string) => {
    const open = [...jobs].filter(([, job]) => !job.final && (step === undefined || job.step === step)).map(([id]) => id)
    if (open.length === 0) return
    for (const job of await api.describeJobs(open)) {
      const known = jobs.get(job.jobId)
      if (!known) continue
      const key = progressKey(job)
      known.final = FINAL_JOB_STATES.has(job.status)
      if (key === known.key) continue
      known.key = key
      emit({
        type: 'job-progress',
        step: known.step,
        jobId: job.jobId,
        status: job.status,
        ...(job.arraySize !== undefined ? {arraySize: job.arraySize} : {}),
        ...(job.statusSummary ? {statusSummary: job.statusSummary} : {}),
      })
    }
  }

  while (!signal?.aborted) {
    for (const event of await api.historySince(executionArn, lastId)) {
      lastId = Math.max(lastId, event.id)
      for (const out of tracker.consume(event)) {
        if (out.type === 'job') jobs.set(out.jobId, {step: out.step, final: false})
        // The jobs' last state before the step's end, so progress never trails the outcome.
        if (out.type === 'step' && out.status !== 'running') await pollJobs(out.step)
        emit(out)
      }
    }
    await pollJobs()
    if (tracker.finished) break
    await sleep(pollMs, signal)
  }

  const info = await api.describe(executionArn)
  emit({
    type: 'finished',
    executionArn,
    status: info.status,
    startDate: info.startDate,
    ...(info.stopDate !== undefined ? {stopDate: info.stopDate} : {}),
    ...(info.error !== undefined ? {error: info.error} : {}),
    ...(info.cause !== undefined ? {cause: info.cause} : {}),
    ...(info.output !== undefined ? {output: info.output} : {}),
  })
  return info
}
