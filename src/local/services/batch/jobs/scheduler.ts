import type {BatchState} from '../state.js'
import {blockedReason, markBlocked} from './blocked-queue.js'
import {ceCapacity, ceUsable, queueComputeEnvironments} from './resolve.js'
import {hasRunnable, newRunnableQueue, nextRunnable, pushRunnable} from './runnable-queue.js'
import {type JobRuntime, jobsRuntime} from './runtime.js'

/** How often RUNNABLE jobs look again for capacity that appeared without a job event (a CE turning VALID, maxvCpus raised). */
export const CAPACITY_POLL_MS = 1000

/** Puts a RUNNABLE job at the back of its queue (its share's, on a fair-share queue). */
export function enqueueRunnable(state: BatchState, queueName: string, id: string): void {
  const runnable = jobsRuntime(state).runnable
  let queue = runnable.get(queueName)
  if (!queue) runnable.set(queueName, (queue = newRunnableQueue()))
  const job = state.jobs.get(id)!
  pushRunnable(queue, job, Boolean(state.jobQueues.get(queueName)?.schedulingPolicyArn))
}

/** The attempt of `rt` ended: its vCPUs go back to the compute environment (and its share's usage). */
export function releaseCapacity(state: BatchState, rt: JobRuntime): void {
  const runtime = jobsRuntime(state)
  const ceName = rt.computeEnvironment
  if (!ceName) return
  runtime.used.set(ceName, Math.max(0, (runtime.used.get(ceName) ?? 0) - rt.vcpus))
  const usage = runtime.runnable.get(rt.queueName)?.shareUsage
  const share = state.jobs.get(rt.id)?.shareIdentifier
  if (usage && share !== undefined) usage.set(share, Math.max(0, (usage.get(share) ?? 0) - rt.vcpus))
}

/**
 * One scheduling pass. Queues are served by priority (higher first), so queues sharing a
 * compute environment compete as in AWS; inside a queue the next job (FIFO, or by fair share)
 * is placed until one fits nowhere, which blocks the rest (no scanning past it, so a pass costs
 * O(queues + jobs started)). A job fits a compute environment that is VALID and ENABLED and
 * has `maxvCpus` minus the vCPUs of its running jobs free, trying the queue's environments in
 * order. Returns whether jobs are still waiting.
 */
export function dispatchPass(
  state: BatchState,
  start: (id: string, ceName: string) => void,
  cancel: (id: string, reason: string) => void,
): boolean {
  const runtime = jobsRuntime(state)
  const queues = [...runtime.runnable.entries()]
    .filter(([, queue]) => hasRunnable(queue))
    .map(([name, queue]) => ({name, queue, detail: state.jobQueues.get(name)}))
    .sort((a, b) => (b.detail?.priority ?? 0) - (a.detail?.priority ?? 0))
  let waiting = false
  for (const {queue, detail} of queues) {
    const environments = detail ? queueComputeEnvironments(state, detail) : []
    const policy = detail?.schedulingPolicyArn ? state.schedulingPolicies.get(detail.schedulingPolicyArn) : undefined
    for (let next = nextRunnable(state, queue, policy); next; next = nextRunnable(state, queue, policy)) {
      const {id, deque} = next
      const job = state.jobs.get(id)!
      const rt = runtime.jobs.get(id)!
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
      deque.head++
      rt.queued = false
      runtime.used.set(ce.computeEnvironmentName!, (runtime.used.get(ce.computeEnvironmentName!) ?? 0) + rt.vcpus)
      if (job.shareIdentifier !== undefined) queue.shareUsage.set(job.shareIdentifier, (queue.shareUsage.get(job.shareIdentifier) ?? 0) + rt.vcpus)
      start(id, ce.computeEnvironmentName!)
    }
  }
  return waiting
}
