import type {BatchState} from '../state.js'
import {blockedReason, markBlocked} from './blocked-queue.js'
import {ceCapacity, ceUsable, queueComputeEnvironments} from './resolve.js'
import {jobsRuntime, type RunnableQueue} from './runtime.js'

/** How often RUNNABLE jobs look again for capacity that appeared without a job event (a CE turning VALID, maxvCpus raised). */
export const CAPACITY_POLL_MS = 1000

/** Puts a RUNNABLE job at the back of its queue's FIFO. */
export function enqueueRunnable(state: BatchState, queueName: string, id: string): void {
  const runnable = jobsRuntime(state).runnable
  let queue = runnable.get(queueName)
  if (!queue) {
    queue = {ids: [], head: 0}
    runnable.set(queueName, queue)
  }
  queue.ids.push(id)
}

function compact(queue: RunnableQueue): void {
  if (queue.head > 1024 && queue.head * 2 > queue.ids.length) {
    queue.ids = queue.ids.slice(queue.head)
    queue.head = 0
  }
}

export function releaseCapacity(state: BatchState, ceName: string | undefined, vcpus: number): void {
  if (!ceName) return
  const used = jobsRuntime(state).used
  used.set(ceName, Math.max(0, (used.get(ceName) ?? 0) - vcpus))
}

/**
 * One scheduling pass. Queues are served by priority (higher first), so queues sharing a
 * compute environment compete as in AWS; inside a queue jobs leave in FIFO order and the first
 * job that fits nowhere blocks the rest (no scanning past it, so a pass costs O(queues + jobs
 * started)). A job fits a compute environment that is VALID and ENABLED and has `maxvCpus`
 * minus the vCPUs of its running jobs free, trying the queue's environments in order.
 * Returns whether jobs are still waiting.
 */
export function dispatchPass(
  state: BatchState,
  start: (id: string, ceName: string) => void,
  cancel: (id: string, reason: string) => void,
): boolean {
  const runtime = jobsRuntime(state)
  const queues = [...runtime.runnable.entries()]
    .filter(([, queue]) => queue.head < queue.ids.length)
    .map(([name, queue]) => ({name, queue, detail: state.jobQueues.get(name)}))
    .sort((a, b) => (b.detail?.priority ?? 0) - (a.detail?.priority ?? 0))
  let waiting = false
  for (const {queue, detail} of queues) {
    const environments = detail ? queueComputeEnvironments(state, detail) : []
    while (queue.head < queue.ids.length) {
      const id = queue.ids[queue.head]!
      const job = state.jobs.get(id)
      const rt = runtime.jobs.get(id)
      // Cancelled, terminated or re-queued jobs leave stale entries behind; skip them here.
      if (!job || !rt || job.status !== 'RUNNABLE' || !rt.queued) {
        queue.head++
        continue
      }
      const ce = environments.find(
        (candidate) =>
          ceUsable(candidate) &&
          (runtime.used.get(candidate.computeEnvironmentName!) ?? 0) + rt.vcpus <= ceCapacity(candidate) + 1e-9,
      )
      if (!ce) {
        waiting = true
        markBlocked(state, detail, job, rt, blockedReason(rt, environments), (reason) => cancel(id, reason))
        break
      }
      queue.head++
      rt.queued = false
      runtime.used.set(ce.computeEnvironmentName!, (runtime.used.get(ce.computeEnvironmentName!) ?? 0) + rt.vcpus)
      start(id, ce.computeEnvironmentName!)
    }
    compact(queue)
  }
  return waiting
}
