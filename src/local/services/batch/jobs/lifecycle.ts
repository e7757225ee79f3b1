import type {AttemptDetail, JobDetail, JobStatus} from '@aws-sdk/client-batch'
import {randomUUID} from 'node:crypto'

import {batchOptions} from '../options.js'
import type {BatchState} from '../state.js'
import {type AttemptSpec, execAttempt, simulateAttempt} from './execution.js'
import {clearBlocked} from './blocked-queue.js'
import {logStreamName, writeLogEvents} from './job-logs.js'
import {isFargate, nameFromArnOrName} from './resolve.js'
import {shouldRetry} from './retry.js'
import {jobPair, jobsRuntime} from './runtime.js'
import {CAPACITY_POLL_MS, dispatchPass, enqueueRunnable, releaseCapacity} from './scheduler.js'
import {simSettings} from './sim-settings.js'
import {isTerminal, setStatus} from './status.js'

/**
 * The job state machine (AWS Batch User Guide, "Job states"):
 * SUBMITTED → PENDING (dependencies) → RUNNABLE (waiting for capacity) → STARTING → RUNNING →
 * SUCCEEDED | FAILED, with retries going back to RUNNABLE. Every step runs on the emulator's
 * virtual clock, `jobTransitionMs` apart.
 */

export const DEPENDENCY_FAILED_REASON = 'Dependent Job failed'
export const TIMEOUT_REASON = 'Job attempt duration exceeded timeout'
export const CONTAINER_EXITED_REASON = 'Essential container in task exited'

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

/** SUBMITTED → PENDING (waiting on dependencies) or RUNNABLE; an array parent releases its children. */
function release(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  rt.timer = undefined
  if (job.status !== 'SUBMITTED') return
  if (rt.children) {
    setStatus(state, job, 'PENDING')
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
  enqueueRunnable(state, rt.queueName, id)
  requestDispatch(state)
}

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
function startAttempt(state: BatchState, id: string, ceName: string): void {
  const {job, rt} = jobPair(state, id)
  rt.computeEnvironment = ceName
  clearBlocked(state, job, rt)
  const parent = setStatus(state, job, 'STARTING')
  if (parent) completeArray(state, parent)
  if (rt.nodes) {
    for (const nodeId of rt.nodes) {
      const node = jobPair(state, nodeId)
      node.rt.computeEnvironment = ceName
      prepareAttempt(state, node.job, node.rt, ceName)
      setStatus(state, node.job, 'STARTING')
    }
  } else {
    prepareAttempt(state, job, rt, ceName)
  }
  rt.timer = state.emulator.clock.setTimeout(() => runAttempt(state, id), batchOptions(state.emulator).jobTransitionMs)
}

function prepareAttempt(state: BatchState, job: JobDetail, rt: ReturnType<typeof jobPair>['rt'], ceName: string): void {
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

/** STARTING → RUNNING: the container (or every node's) starts, with the timeout armed. */
function runAttempt(state: BatchState, id: string): void {
  const {job, rt} = jobPair(state, id)
  rt.timer = undefined
  if (job.status !== 'STARTING') return
  const startedAt = now(state)
  setStatus(state, job, 'RUNNING')
  job.startedAt = startedAt
  const targets = rt.nodes ?? [id]
  for (const targetId of targets) {
    const target = jobPair(state, targetId)
    if (target.job !== job) {
      setStatus(state, target.job, 'RUNNING')
      target.job.startedAt = startedAt
    }
    launch(state, targetId)
  }
  const seconds = job.timeout?.attemptDurationSeconds
  if (seconds) rt.timeoutTimer = state.emulator.clock.setTimeout(() => timeOut(state, id), seconds * 1000)
}

function batchEnvironment(state: BatchState, job: JobDetail, rt: ReturnType<typeof jobPair>['rt']): Record<string, string> {
  const env: Record<string, string> = {}
  for (const pair of job.container?.environment ?? []) if (pair.name) env[pair.name] = pair.value ?? ''
  const parent = rt.parentId ? state.jobs.get(rt.parentId) : undefined
  const attemptJob = job.nodeDetails && parent ? parent : job
  env.AWS_BATCH_JOB_ID = job.jobId!
  env.AWS_BATCH_JOB_ATTEMPT = String((attemptJob.attempts?.length ?? 0) + 1)
  env.AWS_BATCH_JQ_NAME = rt.queueName
  env.AWS_BATCH_CE_NAME = rt.computeEnvironment ?? ''
  if (job.arrayProperties?.index !== undefined) env.AWS_BATCH_JOB_ARRAY_INDEX = String(job.arrayProperties.index)
  if (job.nodeDetails && parent?.nodeProperties) {
    env.AWS_BATCH_JOB_NODE_INDEX = String(job.nodeDetails.nodeIndex)
    env.AWS_BATCH_JOB_MAIN_NODE_INDEX = String(parent.nodeProperties.mainNode ?? 0)
    env.AWS_BATCH_JOB_NUM_NODES = String(parent.nodeProperties.numNodes ?? 1)
    // Every node runs on this machine, so the main node is reachable on the loopback address.
    if (!job.nodeDetails.isMainNode) env.AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS = '127.0.0.1'
  }
  return env
}

function inheritedEnvironment(state: BatchState): Record<string, string> {
  const inherit: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SystemRoot', 'TEMP', 'TMP']) {
    const value = process.env[name]
    if (value !== undefined) inherit[name] = value
  }
  // Commands can call the emulated AWS services, as a container would call AWS.
  return {...inherit, ...state.emulator.env(state.region)}
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
  recordAttempt(state, job, rt, exitCode, reason, statusReason)
  complete(state, id, exitCode === 0 ? 'SUCCEEDED' : 'FAILED', statusReason)
}

function recordAttempt(
  state: BatchState,
  job: JobDetail,
  rt: ReturnType<typeof jobPair>['rt'],
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

/** An array parent whose children all finished: SUCCEEDED if all did, else FAILED. */
function completeArray(state: BatchState, parent: JobDetail): void {
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
