import type {JobDetail, JobStatus} from '@aws-sdk/client-batch'

import {batchOptions} from '../options.js'
import type {BatchState} from '../state.js'
import {startAttempt} from './attempts.js'
import {jobPair, jobsRuntime} from './runtime.js'
import {CAPACITY_POLL_MS, dispatchPass, enqueueRunnable} from './scheduler.js'
import {isTerminal, setStatus} from './status.js'

/**
 * The job state machine (AWS Batch User Guide, "Job states"):
 * SUBMITTED → PENDING (dependencies) → RUNNABLE (waiting for capacity) → STARTING → RUNNING →
 * SUCCEEDED | FAILED, with retries going back to RUNNABLE. Every step runs on the emulator's
 * virtual clock, `jobTransitionMs` apart.
 */

export const DEPENDENCY_FAILED_REASON = 'Dependent Job failed'

const now = (state: BatchState): number => state.emulator.clock.now()

/** Schedules a pass of the capacity scheduler at the current virtual instant (coalesced). */
export function requestDispatch(state: BatchState): void {
  const runtime = jobsRuntime(state)
  if (runtime.dispatchTimer) return
  runtime.dispatchTimer = state.emulator.clock.setTimeout(() => {
    runtime.dispatchTimer = undefined
    const waiting = dispatchPass(
      state,
      (id, ce) => startAttempt(state, id, ce),
      (id, reason) => {
        jobPair(state, id).job.isCancelled = true
        complete(state, id, 'FAILED', reason)
        requestDispatch(state)
      },
    )
    if (waiting && !runtime.pollTimer) {
      runtime.pollTimer = state.emulator.clock.setTimeout(() => {
        runtime.pollTimer = undefined
        requestDispatch(state)
      }, CAPACITY_POLL_MS)
    }
  }, 0)
}

/** After SubmitJob: the job leaves SUBMITTED one transition later. */
export function scheduleRelease(state: BatchState, id: string): void {
  const {rt} = jobPair(state, id)
  rt.timer = state.emulator.clock.setTimeout(() => release(state, id), batchOptions(state.emulator).jobTransitionMs)
}

/**
 * SUBMITTED → PENDING (waiting on dependencies) or RUNNABLE. An array parent spawns its children
 * now: they appear PENDING, created at this instant ("For array child jobs, [createdAt] is when
 * the child job was spawned by its parent and entered the PENDING state", API reference,
 * JobDetail), and count in the parent's statusSummary from here on.
 */
function release(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  rt.timer = undefined
  if (job.status !== 'SUBMITTED') return
  if (rt.children) {
    setStatus(state, job, 'PENDING')
    const summary = job.arrayProperties!.statusSummary!
    for (const childId of rt.children) {
      const child = state.jobs.get(childId)!
      if (isTerminal(child.status)) continue
      child.createdAt = now(state)
      summary.PENDING = (summary.PENDING ?? 0) + 1
    }
    job.arrayProperties!.statusSummaryLastUpdatedAt = now(state)
    for (const childId of rt.children) releaseOne(state, childId)
    return
  }
  releaseOne(state, id)
}

function releaseOne(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  if (isTerminal(job.status)) return
  rt.released = true
  if (rt.dependencyFailed) {
    complete(state, id, 'FAILED', DEPENDENCY_FAILED_REASON)
  } else if (rt.blockers > 0) {
    if (job.status !== 'PENDING') setStatus(state, job, 'PENDING')
  } else {
    makeRunnable(state, id)
  }
}

export function makeRunnable(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  const parent = setStatus(state, job, 'RUNNABLE')
  if (parent) completeArray(state, parent)
  rt.queued = true
  rt.runnableAt = now(state)
  enqueueRunnable(state, rt.queueName, id)
  requestDispatch(state)
}

/** An array parent whose children all finished: SUCCEEDED if all did, else FAILED. */
export function completeArray(state: BatchState, parent: JobDetail): void {
  const failed = parent.arrayProperties?.statusSummary?.FAILED ?? 0
  complete(state, parent.jobId!, failed > 0 ? 'FAILED' : 'SUCCEEDED', undefined)
}

let draining = false
const pending: {state: BatchState; id: string; status: JobStatus; reason: string | undefined}[] = []

/**
 * A job reaches SUCCEEDED or FAILED. Dependants move on (or fail with "Dependent Job failed")
 * through a work list, not recursion: a SEQUENTIAL array of 10,000 children cascades 10,000 deep.
 */
export function complete(state: BatchState, id: string, status: JobStatus, reason: string | undefined): void {
  pending.push({state, id, status, reason})
  if (draining) return
  draining = true
  try {
    // Index walk, not shift(): cancelling a 10,000-child parent queues 10,000 completions.
    for (let i = 0; i < pending.length; i++) completeOne(pending[i]!.state, pending[i]!.id, pending[i]!.status, pending[i]!.reason)
  } finally {
    pending.length = 0
    draining = false
  }
}

function completeOne(state: BatchState, id: string, status: JobStatus, reason: string | undefined): void {
  const {job, rt} = jobPair(state, id)
  if (isTerminal(job.status)) return
  const clock = state.emulator.clock
  clock.clearTimeout(rt.timer)
  rt.timer = undefined
  rt.queued = false
  clock.clearTimeout(rt.blocked?.timer)
  rt.blocked = undefined
  const finishedParent = setStatus(state, job, status)
  job.stoppedAt = now(state)
  if (reason !== undefined) job.statusReason = reason
  if (finishedParent) completeArray(state, finishedParent)
  if (rt.children && status === 'FAILED') {
    // Cancelling a parent before its children ran fails the children that have not started.
    for (const childId of rt.children) {
      const child = state.jobs.get(childId)
      if (child && !isTerminal(child.status) && !['STARTING', 'RUNNING'].includes(child.status ?? '')) {
        pending.push({state, id: childId, status: 'FAILED', reason})
      }
    }
  }
  for (const nodeId of rt.nodes ?? []) {
    const node = state.jobs.get(nodeId)
    if (node && !isTerminal(node.status)) pending.push({state, id: nodeId, status, reason})
  }
  for (const dependentId of rt.dependents) {
    const dependent = jobPair(state, dependentId)
    if (isTerminal(dependent.job.status)) continue
    const cancelReason = dependent.rt.cancelReason
    if (status === 'SUCCEEDED') {
      dependent.rt.blockers--
      if (dependent.rt.blockers === 0 && dependent.rt.released && dependent.job.status === 'PENDING') {
        // A cancel asked for while PENDING takes effect once the dependencies are done.
        if (cancelReason !== undefined) pending.push({state, id: dependentId, status: 'FAILED', reason: cancelReason})
        else makeRunnable(state, dependentId)
      }
    } else if (dependent.rt.released) {
      pending.push({state, id: dependentId, status: 'FAILED', reason: cancelReason ?? DEPENDENCY_FAILED_REASON})
    } else {
      dependent.rt.dependencyFailed = true
    }
  }
}
