import type {ActiveJob, FailedJob, QueueStatus, StatusSnapshot} from '../../src/status/snapshot.js'
import {emptyCounts} from '../../src/status/snapshot.js'

/** A queue with the given jobs, counts derived from them unless given. */
export function queueOf(partial: Partial<QueueStatus> & {running?: ActiveJob[]; failures?: FailedJob[]} = {}): QueueStatus {
  return {key: 'default', name: 'genomics-default', counts: emptyCounts(), truncated: [], running: [], failures: [], ...partial}
}

export function snapshotOf(queues: QueueStatus[], takenAt = 100_000): StatusSnapshot {
  return {takenAt, queues, calls: 5}
}
