import type {Handler} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {compileFilterPattern} from './filter-pattern.js'
import {decodePageToken, encodePageToken, groupFromInput, LOG_STREAM_NAME, streamNotFound} from './lookup.js'
import type {LogsState, StoredEvent} from './state.js'

// AWS: FilterLogEvents — Amazon CloudWatch Logs API Reference
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html):
// both time bounds are inclusive ("Events with a timestamp before [startTime] / later than
// [endTime] are not returned"), logStreamNames and logStreamNamePrefix together are an
// InvalidParameterException, pages hold up to 1 MB or 10,000 events, `interleaved` is ignored
// (always true) and `searchedLogStreams` is no longer supported (always empty).

const MAX_RESPONSE_BYTES = 1_048_576

/** AWS event ids are 56 decimal digits; ours are the timestamp and the arrival sequence. */
export function eventId(event: StoredEvent): string {
  return `${String(event.timestamp).padStart(20, '0')}${String(event.seq).padStart(36, '0')}`
}

const filterLogEvents: Handler<LogsState> = (input, {state}) => {
  const {logStreamNames, logStreamNamePrefix, startTime, endTime, filterPattern, nextToken, limit} = input
  const checks = new Constraints()
    .list('logStreamNames', logStreamNames, {min: 1, max: 100})
    .string('logStreamNamePrefix', logStreamNamePrefix, {min: 1, max: 512, pattern: LOG_STREAM_NAME})
    .number('startTime', startTime, {min: 0})
    .number('endTime', endTime, {min: 0})
    .string('filterPattern', filterPattern, {max: 1024})
    .number('limit', limit, {min: 1, max: 10_000})
    .string('nextToken', nextToken, {min: 1})
  for (const name of Array.isArray(logStreamNames) ? logStreamNames : []) {
    checks.string('logStreamNames.member', name, {min: 1, max: 512, pattern: LOG_STREAM_NAME})
  }
  checks.check()
  const group = groupFromInput(state, input)
  if (logStreamNames !== undefined && logStreamNamePrefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.')
  }
  const matches = compileFilterPattern(filterPattern)
  const after = parsePosition(decodePageToken(nextToken))
  const names = logStreamNames ? new Set(logStreamNames as string[]) : undefined
  // Naming a stream that does not exist is an error (public reports of FilterLogEvents with
  // logStreamNames show "ResourceNotFoundException: The specified log stream does not exist.").
  for (const name of names ?? []) if (!group.streams.has(name)) throw streamNotFound()

  const found: Array<{stream: string; event: StoredEvent}> = []
  for (const stream of group.streams.values()) {
    if (names && !names.has(stream.name)) continue
    if (logStreamNamePrefix !== undefined && !stream.name.startsWith(logStreamNamePrefix)) continue
    for (const event of stream.events) {
      if (startTime !== undefined && event.timestamp < startTime) continue
      if (endTime !== undefined && event.timestamp > endTime) continue
      if (after && (event.timestamp < after.timestamp || (event.timestamp === after.timestamp && event.seq <= after.seq))) continue
      if (matches(event.message)) found.push({stream: stream.name, event})
    }
  }
  // Interleaved across streams by time, then by arrival.
  found.sort((a, b) => a.event.timestamp - b.event.timestamp || a.event.seq - b.event.seq)

  const max = limit ?? 10_000
  const page: typeof found = []
  let bytes = 0
  for (const item of found) {
    if (page.length >= max) break
    bytes += Buffer.byteLength(item.event.message) + 26
    if (bytes > MAX_RESPONSE_BYTES && page.length > 0) break
    page.push(item)
  }
  const last = page.at(-1)
  return {
    events: page.map(({stream, event}) => ({
      logStreamName: stream,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: eventId(event),
    })),
    searchedLogStreams: [],
    ...(last && page.length < found.length ? {nextToken: encodePageToken(`${last.event.timestamp}:${last.event.seq}`)} : {}),
  }
}

function parsePosition(key: string | undefined): {timestamp: number; seq: number} | undefined {
  if (key === undefined) return undefined
  const match = /^(\d+):(\d+)$/.exec(key)
  if (!match) throw invalidParameter('The specified nextToken is invalid.')
  return {timestamp: Number(match[1]), seq: Number(match[2])}
}

export const filterLogEventsHandlers: Record<string, Handler<LogsState>> = {FilterLogEvents: filterLogEvents}
