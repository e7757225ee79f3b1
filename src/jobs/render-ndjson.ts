import {assertNever} from '../errors.js'
import type {FollowEvent} from './follow.js'

/**
 * One JSON object per line for `--follow --json` and `logs --json`: stable field names, no
 * nested SDK shapes, so a pipeline can `jq` them. Every object has `type`.
 */
export function renderNdjson(event: FollowEvent): string | undefined {
  switch (event.type) {
    case 'log': {
      const {line} = event
      return JSON.stringify({
        type: 'log',
        jobId: line.stream.jobId,
        label: line.stream.label,
        attempt: line.stream.attempt,
        logStreamName: line.stream.logStreamName,
        timestamp: line.timestamp,
        eventId: line.eventId,
        message: line.message,
      })
    }
    case 'streams':
      return JSON.stringify({type: 'streams', streams: event.streams.map((s) => ({jobId: s.jobId, logStreamName: s.logStreamName, attempt: s.attempt, final: s.final}))})
    case 'done':
      return JSON.stringify({type: 'done', jobId: event.job.jobId, jobName: event.job.jobName, status: event.status, ...(event.reason ? {reason: event.reason} : {})})
    case 'status':
    case 'counts':
    case 'child-failed':
    case 'warning':
      return JSON.stringify(event)
    default:
      return assertNever(event, 'follow event')
  }
}
