import type {Handler} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {requireGroup, requireStream} from './lookup.js'
import type {LogsState, LogStream, StoredEvent} from './state.js'

// AWS: PutLogEvents — Amazon CloudWatch Logs API Reference
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html).

export const MAX_BATCH_BYTES = 1_048_576
/** Each event counts its UTF-8 message size plus this much toward the batch size. */
export const EVENT_OVERHEAD_BYTES = 26
export const MAX_BATCH_EVENTS = 10_000
/** Each event, counted as above, may be at most 1 MB. */
export const MAX_EVENT_BYTES = 1_048_576
const HOUR = 3_600_000
const DAY = 24 * HOUR

interface InputEvent {
  timestamp: number
  message: string
}

const putLogEvents: Handler<LogsState> = (input, {state, clock}) => {
  const events = input.logEvents as InputEvent[] | undefined
  new Constraints()
    .required('logEvents', events)
    .list('logEvents', events, {min: 1, max: MAX_BATCH_EVENTS})
    .check()
  const checks = new Constraints()
  for (const [index, event] of (events ?? []).entries()) {
    checks
      .required(`logEvents.${index + 1}.member.timestamp`, event?.timestamp)
      .number(`logEvents.${index + 1}.member.timestamp`, event?.timestamp, {min: 0})
      .required(`logEvents.${index + 1}.member.message`, event?.message)
      .string(`logEvents.${index + 1}.member.message`, event?.message, {min: 1})
  }
  checks.check()
  const group = requireGroup(state, input.logGroupName)
  const stream = requireStream(group, input.logStreamName)
  const batch = events!

  // Both wordings are AWS's ("Log event too large: 292824 bytes exceeds limit of 262144" from
  // before the per-event limit became 1 MB; "Upload too large: 1049882 bytes exceeds limit of 1048576").
  for (const event of batch) {
    const eventSize = Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES
    if (eventSize > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: ${eventSize} bytes exceeds limit of ${MAX_EVENT_BYTES}`)
  }
  const size = batch.reduce((sum, event) => sum + Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES, 0)
  if (size > MAX_BATCH_BYTES) {
    throw invalidParameter(`Upload too large: ${size} bytes exceeds limit of ${MAX_BATCH_BYTES}`)
  }
  for (let i = 1; i < batch.length; i++) {
    if (batch[i]!.timestamp < batch[i - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.')
    }
  }

  // Too old (> 14 days) or expired (before the retention period) events form a prefix of the
  // sorted batch, too new ones (> 2 h ahead) a suffix; AWS stores the rest and reports the bounds.
  const now = clock.now()
  const tooOldBefore = now - 14 * DAY
  const expiredBefore = group.retentionInDays ? now - group.retentionInDays * DAY : Number.NEGATIVE_INFINITY
  const tooNewAfter = now + 2 * HOUR
  let tooOldEnd = -1
  let expiredEnd = -1
  let tooNewStart = batch.length
  batch.forEach((event, index) => {
    if (event.timestamp < tooOldBefore) tooOldEnd = index
    if (event.timestamp < expiredBefore) expiredEnd = index
  })
  while (tooNewStart > 0 && batch[tooNewStart - 1]!.timestamp > tooNewAfter) tooNewStart--
  const accepted = batch.slice(Math.max(tooOldEnd, expiredEnd) + 1, tooNewStart)
  if (accepted.length > 0 && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > DAY) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.')
  }

  const stored = accepted.map((event): StoredEvent => ({
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: now,
    seq: state.nextSeq++,
  }))
  if (stored.length > 0) {
    store(stream, stored)
    group.storedBytes += stored.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0)
    for (const listener of state.listeners) listener(group, stream, stored)
  }
  stream.uploadSequenceToken = String(state.nextSeq).padStart(56, '0')

  const rejected = {
    ...(tooNewStart < batch.length ? {tooNewLogEventStartIndex: tooNewStart} : {}),
    ...(tooOldEnd >= 0 ? {tooOldLogEventEndIndex: tooOldEnd} : {}),
    ...(expiredEnd >= 0 ? {expiredLogEventEndIndex: expiredEnd} : {}),
  }
  // The sequence token is still returned, though AWS now ignores the one sent.
  return {
    nextSequenceToken: stream.uploadSequenceToken,
    ...(Object.keys(rejected).length > 0 ? {rejectedLogEventsInfo: rejected} : {}),
  }
}

/** Adds a sorted batch to a stream, keeping (timestamp, seq) order; appending is the common case. */
function store(stream: LogStream, batch: StoredEvent[]): void {
  const events = stream.events
  const last = events.at(-1)
  if (!last || last.timestamp <= batch[0]!.timestamp) events.push(...batch)
  else {
    stream.events = [...events, ...batch].sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq)
  }
  stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? Number.POSITIVE_INFINITY, batch[0]!.timestamp)
  stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? 0, batch.at(-1)!.timestamp)
  stream.lastIngestionTime = batch[0]!.ingestionTime
}

export const putLogEventsHandlers: Record<string, Handler<LogsState>> = {PutLogEvents: putLogEvents}
