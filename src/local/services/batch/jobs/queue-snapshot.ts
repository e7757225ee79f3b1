import type {FrontOfQueueJobSummary, GetJobQueueSnapshotRequest, GetJobQueueSnapshotResponse} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {RequestContext} from '../../../service.js'
import type {BatchState} from '../state.js'
import {findQueue} from './resolve.js'
import {type Deque, jobsRuntime} from './runtime.js'

/** GetJobQueueSnapshot lists at most this many jobs ("the first 100 RUNNABLE jobs"). */
const FRONT_OF_QUEUE = 100

/**
 * GetJobQueueSnapshot (API reference, "GetJobQueueSnapshot", "FrontOfQueueDetail"): the first
 * 100 RUNNABLE jobs of a queue, each with the time it reached its position. "For
 * first-in-first-out (FIFO) job queues, jobs are ordered based on their submission time. For
 * fair-share scheduling (FSS) job queues, jobs are ordered based on their job priority and share
 * usage": here by the vCPUs the job's share holds (least first), then scheduling priority
 * (higher first), then age.
 */
export function getJobQueueSnapshot(input: GetJobQueueSnapshotRequest, {state}: RequestContext<BatchState>): GetJobQueueSnapshotResponse {
  if (!input.jobQueue) throw clientException('jobQueue is required.')
  const queue = findQueue(state, input.jobQueue)
  if (!queue) throw clientException(`JobQueue ${input.jobQueue} not found.`)
  const runtime = jobsRuntime(state)
  const runnable = runtime.runnable.get(queue.jobQueueName!)
  const seen = new Set<string>()
  const live = (deque: Deque): string[] =>
    deque.ids.slice(deque.head).filter((id) => {
      if (seen.has(id) || state.jobs.get(id)?.status !== 'RUNNABLE' || !runtime.jobs.get(id)?.queued) return false
      seen.add(id)
      return true
    })
  let ids: string[] = []
  if (runnable && !queue.schedulingPolicyArn) {
    ids = live(runnable.fifo)
  } else if (runnable) {
    const entries: {id: string; usage: number; priority: number; createdAt: number}[] = []
    for (const [share, byPriority] of runnable.shares) {
      for (const [priority, deque] of byPriority) {
        for (const id of live(deque)) {
          entries.push({id, usage: runnable.shareUsage.get(share) ?? 0, priority, createdAt: state.jobs.get(id)?.createdAt ?? 0})
        }
      }
    }
    entries.sort((a, b) => a.usage - b.usage || b.priority - a.priority || a.createdAt - b.createdAt)
    ids = entries.map((entry) => entry.id)
  }
  const jobs: FrontOfQueueJobSummary[] = ids.slice(0, FRONT_OF_QUEUE).map((id) => ({
    jobArn: state.jobs.get(id)!.jobArn,
    earliestTimeAtPosition: runtime.jobs.get(id)?.runnableAt ?? state.jobs.get(id)!.createdAt,
  }))
  return {frontOfQueue: {jobs, lastUpdatedAt: state.emulator.clock.now()}}
}
