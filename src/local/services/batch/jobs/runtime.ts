import type {JobDetail} from '@aws-sdk/client-batch'

import {BugError} from '../../../../errors.js'
import type {TimerHandle} from '../../../clock.js'
import type {BatchState} from '../state.js'
import {containerVcpus} from './container.js'
import {nameFromArnOrName} from './resolve.js'

/** A running attempt that can be stopped (a simulated timer or a child process). */
export interface RunningAttempt {
  /** Stops the attempt (a process gets SIGTERM, then SIGKILL 30 s later, or at once with `force`). */
  stop(reason: string, force?: boolean): void
}

/**
 * What the engine knows about a job beyond its API shape: dependency edges, the compute it
 * holds, timers and the attempt in flight. Kept out of `JobDetail` so Describe answers stay
 * exactly the API shape.
 */
export interface JobRuntime {
  id: string
  /** Queue name (the job's `jobQueue` is an ARN). */
  queueName: string
  jobDefinitionName: string
  /** vCPUs one attempt holds while STARTING or RUNNING (all nodes for a multi-node job). */
  vcpus: number
  /** Array parent or multi-node parent of a child / node job. */
  parentId?: string
  /** Number of dependencies that have not succeeded yet. */
  blockers: number
  /** Jobs waiting for this one. */
  dependents: string[]
  /** True once the job (or its array parent) has left SUBMITTED, so it may become RUNNABLE. */
  released: boolean
  /** True while the job sits in its queue's RUNNABLE FIFO. */
  queued: boolean
  /** Virtual time the job last became RUNNABLE (GetJobQueueSnapshot's earliestTimeAtPosition). */
  runnableAt?: number
  /** A dependency failed before the job was released: it fails when released. */
  dependencyFailed?: boolean
  /** CancelJob on a PENDING job with unfinished dependencies: applied once they finish (AWS: "CancelJob"). */
  cancelReason?: string
  /** Set by TerminateJob / timeouts: the attempt's end is final, no retry. */
  noRetry?: boolean
  /** Set while the job blocks the head of its queue: the reason code and its time-limit action timer. */
  blocked?: {code: string; timer?: TimerHandle}
  /** The compute environment the current attempt runs in. */
  computeEnvironment?: string
  /** The pending transition or attempt end. */
  timer?: TimerHandle
  /** The timeout of the current attempt. */
  timeoutTimer?: TimerHandle
  attempt?: RunningAttempt
  /** The attempt in flight: what DescribeJobs shows of it and what `attempts[]` records at its end. */
  current?: {taskArn: string; logStreamName: string; containerInstanceArn?: string; startedAt?: number}
  /** Array children, in index order. */
  children?: string[]
  /** Multi-node node jobs, in node order. */
  nodes?: string[]
}

/** A FIFO of job ids: an array with a moving head, so dequeuing is O(1). */
export interface Deque {
  ids: string[]
  head: number
}

/** A queue's RUNNABLE jobs. */
export interface RunnableQueue {
  /** FIFO job queues. */
  fifo: Deque
  /** Fair-share job queues: share identifier → scheduling priority → FIFO. */
  shares: Map<string, Map<number, Deque>>
  /** vCPUs the queue's running jobs hold per share identifier (fair-share usage). */
  shareUsage: Map<string, number>
}

/** The jobs engine's part of `BatchState.runtime`. */
export interface JobsRuntime {
  jobs: Map<string, JobRuntime>
  /** Top-level job ids per queue name, in submission order (what ListJobs by queue walks). */
  byQueue: Map<string, string[]>
  runnable: Map<string, RunnableQueue>
  /** vCPUs in use per compute environment name. */
  used: Map<string, number>
  dispatchTimer?: TimerHandle
  pollTimer?: TimerHandle
  /** Jobs whose process or timer must be stopped when the emulator stops. */
  active: Set<string>
  /** Log writes in flight per stream, chained so events arrive in order. */
  logChains: Map<string, Promise<void>>
}

export function jobsRuntime(state: BatchState): JobsRuntime {
  let runtime = state.runtime.jobs as JobsRuntime | undefined
  if (!runtime) {
    runtime = {
      jobs: new Map(),
      byQueue: new Map(),
      runnable: new Map(),
      used: new Map(),
      active: new Set(),
      logChains: new Map(),
    }
    state.runtime.jobs = runtime
    indexStoredJobs(state, runtime)
  }
  return runtime
}

/**
 * Jobs already in the state before the engine first ran were restored from a state file
 * (finished jobs): index them so ListJobs by queue, array job and multi-node job finds them.
 */
function indexStoredJobs(state: BatchState, runtime: JobsRuntime): void {
  for (const [id, job] of state.jobs) {
    const separator = id.search(/[:#]/)
    const parentId = separator >= 0 ? id.slice(0, separator) : undefined
    const queueName = nameFromArnOrName(job.jobQueue ?? '')
    runtime.jobs.set(id, {
      id,
      queueName,
      jobDefinitionName: nameFromArnOrName(job.jobDefinition ?? '').split(':')[0] ?? '',
      vcpus: containerVcpus(job.container),
      blockers: 0,
      dependents: [],
      released: true,
      queued: false,
      ...(parentId ? {parentId} : {}),
    })
    if (!parentId) {
      let ids = runtime.byQueue.get(queueName)
      if (!ids) runtime.byQueue.set(queueName, (ids = []))
      ids.push(id)
    }
  }
  for (const [id, rt] of runtime.jobs) {
    const parent = rt.parentId ? runtime.jobs.get(rt.parentId) : undefined
    if (!parent) continue
    if (id.includes('#')) (parent.nodes ??= []).push(id)
    else (parent.children ??= []).push(id)
  }
  const index = (id: string): number => Number(id.slice(id.search(/[:#]/) + 1))
  for (const rt of runtime.jobs.values()) {
    rt.children?.sort((a, b) => index(a) - index(b))
    rt.nodes?.sort((a, b) => index(a) - index(b))
  }
}

/** The stored job and its runtime record; a missing one is an emulator bug. */
export function jobPair(state: BatchState, id: string): {job: JobDetail; rt: JobRuntime} {
  const job = state.jobs.get(id)
  const rt = jobsRuntime(state).jobs.get(id)
  if (!job || !rt) throw new BugError(`batch jobs engine: job ${id} has no record`)
  return {job, rt}
}

/** Stops every attempt in flight (emulator shutdown). */
export function disposeJobs(state: BatchState): void {
  const runtime = state.runtime.jobs as JobsRuntime | undefined
  if (!runtime) return
  for (const id of runtime.active) runtime.jobs.get(id)?.attempt?.stop('Emulator stopped', true)
  runtime.active.clear()
}

/**
 * Jobs with an attempt STARTING or RUNNING on the compute environment (node jobs included):
 * what DeleteComputeEnvironment of a Fargate environment must not leave behind.
 */
export function activeJobsOn(state: BatchState, ceName: string): number {
  let count = 0
  for (const rt of jobsRuntime(state).jobs.values()) {
    const status = state.jobs.get(rt.id)?.status
    if (rt.computeEnvironment === ceName && (status === 'STARTING' || status === 'RUNNING')) count++
  }
  return count
}
