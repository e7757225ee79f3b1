import type {AttemptDetail, JobDetail} from '@aws-sdk/client-batch'
import {randomUUID} from 'node:crypto'

import {batchOptions} from '../options.js'
import type {BatchState} from '../state.js'
import {batchEnvironment, inheritedEnvironment} from './batch-environment.js'
import {clearBlocked} from './blocked-queue.js'
import {type AttemptSpec, execAttempt, simulateAttempt} from './execution.js'
import {logStreamName, writeLogEvents} from './job-logs.js'
import {complete, completeArray, makeRunnable, requestDispatch} from './lifecycle.js'
import {isFargate, nameFromArnOrName} from './resolve.js'
import {shouldRetry} from './retry.js'
import {type JobRuntime, jobPair, jobsRuntime} from './runtime.js'
import {releaseCapacity} from './scheduler.js'
import {simSettings} from './sim-settings.js'
import {isTerminal, setStatus} from './status.js'

/**
 * Attempts: RUNNABLE → STARTING (task ARN) → RUNNING (log stream, the container runs, the
 * timeout is armed) → the attempt's end, recorded in `attempts[]`, then success, retry or
 * failure (AWS Batch User Guide, "Job states", "Automated job retries", "Job timeouts").
 */

export const TIMEOUT_REASON = 'Job attempt duration exceeded timeout'
export const CONTAINER_EXITED_REASON = 'Essential container in task exited'

const now = (state: BatchState): number => state.emulator.clock.now()

function ecsIds(state: BatchState, ceName: string): {taskArn: string; taskId: string; containerInstanceArn?: string} {
  const ce = state.computeEnvironments.get(ceName)
  const cluster = nameFromArnOrName(ce?.ecsClusterArn ?? `${ceName}_Batch`)
  const taskId = randomUUID().replace(/-/g, '')
  const base = `arn:aws:ecs:${state.region}:${state.accountId}`
  return {
    taskId,
    taskArn: `${base}:task/${cluster}/${taskId}`,
    ...(isFargate(ce) ? {} : {containerInstanceArn: `${base}:container-instance/${cluster}/${randomUUID().replace(/-/g, '')}`}),
  }
}

/** RUNNABLE → STARTING on a compute environment (the scheduler already counted the vCPUs). */
export function startAttempt(state: BatchState, id: string, ceName: string): void {
  const {job, rt} = jobPair(state, id)
  rt.computeEnvironment = ceName
  clearBlocked(state, job, rt)
  const parent = setStatus(state, job, 'STARTING')
  if (parent) completeArray(state, parent)
  if (rt.nodes) {
    // Every node's vCPUs are held from now on, but only the main node starts; the others follow
    // once it runs (runAttempt).
    for (const nodeId of rt.nodes) jobPair(state, nodeId).rt.computeEnvironment = ceName
    const main = jobPair(state, mainNodeId(state, rt))
    prepareAttempt(state, main.job, main.rt, ceName)
    setStatus(state, main.job, 'STARTING')
  } else {
    prepareAttempt(state, job, rt, ceName)
  }
  rt.timer = state.emulator.clock.setTimeout(() => runAttempt(state, id), batchOptions(state.emulator).jobTransitionMs)
}

function prepareAttempt(state: BatchState, job: JobDetail, rt: JobRuntime, ceName: string): void {
  const ids = ecsIds(state, ceName)
  rt.current = {
    taskArn: ids.taskArn,
    logStreamName: logStreamName(rt.jobDefinitionName, ids.taskId),
    ...(ids.containerInstanceArn ? {containerInstanceArn: ids.containerInstanceArn} : {}),
  }
  if (job.container) {
    job.container.taskArn = ids.taskArn
    if (ids.containerInstanceArn) job.container.containerInstanceArn = ids.containerInstanceArn
    delete job.container.exitCode
    delete job.container.reason
    delete job.container.logStreamName
  }
}

/** The node job that is the main node of a multi-node job (`nodeDetails.isMainNode`). */
function mainNodeId(state: BatchState, rt: JobRuntime): string {
  const nodes = rt.nodes ?? []
  return nodes.find((nodeId) => state.jobs.get(nodeId)?.nodeDetails?.isMainNode) ?? nodes[0]!
}

/**
 * STARTING → RUNNING: the container starts, with the timeout armed. A multi-node job runs when
 * its main node does; then "the child nodes are launched and they also move to the STARTING
 * status", and RUNNING one transition later (User Guide, "Job states": multi-node parallel jobs —
 * https://docs.aws.amazon.com/batch/latest/userguide/job-lifecycle.html).
 */
function runAttempt(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  rt.timer = undefined
  if (job.status !== 'STARTING') return
  const startedAt = now(state)
  setStatus(state, job, 'RUNNING')
  job.startedAt = startedAt
  if (rt.nodes) {
    const mainId = mainNodeId(state, rt)
    const main = jobPair(state, mainId)
    setStatus(state, main.job, 'RUNNING')
    main.job.startedAt = startedAt
    launch(state, mainId)
    for (const nodeId of rt.nodes) {
      if (nodeId === mainId) continue
      const node = jobPair(state, nodeId)
      prepareAttempt(state, node.job, node.rt, rt.computeEnvironment!)
      setStatus(state, node.job, 'STARTING')
      node.rt.timer = state.emulator.clock.setTimeout(() => runNode(state, nodeId), batchOptions(state.emulator).jobTransitionMs)
    }
  } else {
    launch(state, id)
  }
  const seconds = job.timeout?.attemptDurationSeconds
  if (seconds) rt.timeoutTimer = state.emulator.clock.setTimeout(() => timeOut(state, id), seconds * 1000)
}

/** A child node STARTING → RUNNING, unless the job ended meanwhile. */
function runNode(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  rt.timer = undefined
  if (job.status !== 'STARTING') return
  setStatus(state, job, 'RUNNING')
  job.startedAt = now(state)
  launch(state, id)
}

/** Starts one container: simulated by default, a local process with `exec`. */
function launch(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  const current = rt.current!
  current.startedAt = now(state)
  if (job.container) job.container.logStreamName = current.logStreamName
  // The awslogs driver creates the stream when the container starts, output or not.
  writeLogEvents(state, current.logStreamName, [])
  const attemptNumber = ((rt.parentId && job.nodeDetails ? state.jobs.get(rt.parentId) : job)?.attempts?.length ?? 0) + 1
  const spec: AttemptSpec = {
    command: job.container?.command ?? [],
    environment: batchEnvironment(state, job, rt),
    sim: simSettings(job, attemptNumber, batchOptions(state.emulator).jobDurationMs),
    onLog: (events) => writeLogEvents(state, current.logStreamName, events),
    onExit: (exitCode, reason) => {
      rt.attempt = undefined
      jobsRuntime(state).active.delete(id)
      finishAttempt(state, id, {exitCode, reason, statusReason: CONTAINER_EXITED_REASON})
    },
  }
  const clock = state.emulator.clock
  rt.attempt = state.emulator.options.exec ? execAttempt(clock, spec, inheritedEnvironment(state)) : simulateAttempt(clock, spec)
  jobsRuntime(state).active.add(id)
}

function timeOut(state: BatchState, id: string): void {
  const {rt} = jobPair(state, id)
  rt.timeoutTimer = undefined
  // AWS Batch User Guide, "Job timeouts": a job terminated for exceeding its timeout isn't retried.
  stopAttempt(state, id, TIMEOUT_REASON)
}

/** Ends the attempt in flight without retry (TerminateJob, timeout); a STARTING job simply stops. */
export function stopAttempt(state: BatchState, id: string, reason: string): void {
  const {job, rt} = jobPair(state, id)
  if (job.status !== 'STARTING' && job.status !== 'RUNNING') return
  rt.noRetry = true
  for (const targetId of rt.nodes ?? [id]) {
    const target = jobPair(state, targetId)
    target.rt.attempt?.stop(reason)
    target.rt.attempt = undefined
    jobsRuntime(state).active.delete(targetId)
    if (targetId !== id) finishNode(state, targetId, undefined, reason, reason)
  }
  finishAttempt(state, id, {exitCode: undefined, statusReason: reason})
}

interface AttemptOutcome {
  exitCode: number | undefined
  /** The container's reason (e.g. CannotStartContainerError). */
  reason?: string
  statusReason: string
}

function finishNode(state: BatchState, id: string, exitCode: number | undefined, reason: string | undefined, statusReason: string): void {
  const {job, rt} = jobPair(state, id)
  if (isTerminal(job.status)) return
  // A child node the job ended before it was launched (still RUNNABLE) had no attempt.
  if (rt.current) recordAttempt(state, job, rt, exitCode, reason, statusReason)
  complete(state, id, exitCode === 0 ? 'SUCCEEDED' : 'FAILED', statusReason)
}

function recordAttempt(
  state: BatchState,
  job: JobDetail,
  rt: JobRuntime,
  exitCode: number | undefined,
  reason: string | undefined,
  statusReason: string,
): void {
  const current = rt.current
  const attempt: AttemptDetail = {
    container: {
      ...(current?.containerInstanceArn ? {containerInstanceArn: current.containerInstanceArn} : {}),
      ...(current ? {taskArn: current.taskArn} : {}),
      ...(exitCode !== undefined ? {exitCode} : {}),
      ...(reason ? {reason} : {}),
      ...(current?.startedAt !== undefined ? {logStreamName: current.logStreamName} : {}),
      networkInterfaces: [],
    },
    ...(current?.startedAt !== undefined ? {startedAt: current.startedAt} : {}),
    stoppedAt: now(state),
    statusReason,
  }
  job.attempts = [...(job.attempts ?? []), attempt]
  if (job.container) {
    if (exitCode !== undefined) job.container.exitCode = exitCode
    if (reason) job.container.reason = reason
  }
  rt.current = undefined
}

/** An attempt ended: record it, free its vCPUs, then succeed, retry or fail. */
function finishAttempt(state: BatchState, id: string, outcome: AttemptOutcome): void {
  const {job, rt} = jobPair(state, id)
  const clock = state.emulator.clock
  clock.clearTimeout(rt.timer)
  rt.timer = undefined
  if (rt.parentId && job.nodeDetails) {
    // A node job: the main node's exit ends the whole multi-node job.
    finishNode(state, id, outcome.exitCode, outcome.reason, outcome.statusReason)
    const parent = jobPair(state, rt.parentId)
    if (job.nodeDetails.isMainNode && !isTerminal(parent.job.status)) {
      for (const nodeId of parent.rt.nodes ?? []) {
        const node = jobPair(state, nodeId)
        if (isTerminal(node.job.status)) continue
        node.rt.attempt?.stop('Main node exited')
        node.rt.attempt = undefined
        jobsRuntime(state).active.delete(nodeId)
        finishNode(state, nodeId, outcome.exitCode, undefined, outcome.statusReason)
      }
      finishAttempt(state, rt.parentId, outcome)
    }
    return
  }
  if (isTerminal(job.status)) return
  clock.clearTimeout(rt.timeoutTimer)
  rt.timeoutTimer = undefined
  releaseCapacity(state, rt)
  rt.computeEnvironment = undefined
  requestDispatch(state)
  if (rt.nodes) {
    job.attempts = [
      ...(job.attempts ?? []),
      {container: {...(outcome.exitCode !== undefined ? {exitCode: outcome.exitCode} : {})}, startedAt: job.startedAt, stoppedAt: now(state), statusReason: outcome.statusReason},
    ]
  } else {
    recordAttempt(state, job, rt, outcome.exitCode, outcome.reason, outcome.statusReason)
  }
  if (outcome.exitCode === 0 && !rt.noRetry) {
    complete(state, id, 'SUCCEEDED', outcome.statusReason)
  } else if (!rt.noRetry && !rt.nodes && shouldRetry(job, outcome.exitCode, outcome.reason, outcome.statusReason)) {
    job.statusReason = outcome.statusReason
    makeRunnable(state, id)
  } else {
    complete(state, id, 'FAILED', outcome.statusReason)
  }
}
