import type {JobDetail, SchedulingPolicyDetail} from '@aws-sdk/client-batch'

import type {BatchState} from '../state.js'
import {type Deque, jobsRuntime, type RunnableQueue} from './runtime.js'

export function newRunnableQueue(): RunnableQueue {
  return {fifo: {ids: [], head: 0}, shares: new Map(), shareUsage: new Map()}
}

/** Adds a RUNNABLE job: to the FIFO, or (fair share) to its share's FIFO at its scheduling priority. */
export function pushRunnable(queue: RunnableQueue, job: JobDetail, fairShare: boolean): void {
  if (!fairShare) {
    queue.fifo.ids.push(job.jobId!)
    return
  }
  const share = job.shareIdentifier ?? ''
  let byPriority = queue.shares.get(share)
  if (!byPriority) queue.shares.set(share, (byPriority = new Map()))
  const priority = job.schedulingPriority ?? 0
  let deque = byPriority.get(priority)
  if (!deque) byPriority.set(priority, (deque = {ids: [], head: 0}))
  deque.ids.push(job.jobId!)
}

/** Drops entries of jobs that left RUNNABLE (cancelled, re-queued) from the front; the live head or undefined. */
function liveHead(state: BatchState, deque: Deque): string | undefined {
  const runtime = jobsRuntime(state)
  while (deque.head < deque.ids.length) {
    const id = deque.ids[deque.head]!
    if (state.jobs.get(id)?.status === 'RUNNABLE' && runtime.jobs.get(id)?.queued) return id
    deque.head++
  }
  if (deque.head > 1024 && deque.head * 2 > deque.ids.length) {
    deque.ids = deque.ids.slice(deque.head)
    deque.head = 0
  }
  return undefined
}

/**
 * A share's weight factor from the fair-share policy (`shareDistribution`, identifiers may end
 * with `*`); 1 when the policy does not name it. A lower weight gets more of the capacity.
 */
function weightFactor(policy: SchedulingPolicyDetail | undefined, share: string): number {
  for (const entry of policy?.fairsharePolicy?.shareDistribution ?? []) {
    const id = entry.shareIdentifier ?? ''
    if (id.endsWith('*') ? share.startsWith(id.slice(0, -1)) : id === share) return entry.weightFactor ?? 1
  }
  return 1
}

/**
 * The next job to place and the FIFO it sits in. FIFO queues: the oldest. Fair-share queues
 * (User Guide, "Fair-share scheduling policies"): the share using the least capacity relative
 * to its weight, then its highest scheduling priority, then the oldest.
 */
export function nextRunnable(
  state: BatchState,
  queue: RunnableQueue,
  policy: SchedulingPolicyDetail | undefined,
): {id: string; deque: Deque} | undefined {
  if (!policy) {
    const id = liveHead(state, queue.fifo)
    return id === undefined ? undefined : {id, deque: queue.fifo}
  }
  let best: {id: string; deque: Deque; score: number; createdAt: number} | undefined
  for (const [share, byPriority] of queue.shares) {
    let candidate: {id: string; deque: Deque} | undefined
    for (const priority of [...byPriority.keys()].sort((a, b) => b - a)) {
      const deque = byPriority.get(priority)!
      const id = liveHead(state, deque)
      if (id !== undefined) {
        candidate = {id, deque}
        break
      }
    }
    if (!candidate) continue
    const score = (queue.shareUsage.get(share) ?? 0) * weightFactor(policy, share)
    const createdAt = state.jobs.get(candidate.id)?.createdAt ?? 0
    if (!best || score < best.score || (score === best.score && createdAt < best.createdAt)) best = {...candidate, score, createdAt}
  }
  return best ? {id: best.id, deque: best.deque} : undefined
}

/** Whether any job waits in the queue (stale entries aside). */
export function hasRunnable(queue: RunnableQueue): boolean {
  if (queue.fifo.head < queue.fifo.ids.length) return true
  for (const byPriority of queue.shares.values()) for (const deque of byPriority.values()) if (deque.head < deque.ids.length) return true
  return false
}
