import type {Handler} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {groupFromInput, requireStream} from './lookup.js'
import type {LogsState, StoredEvent} from './state.js'

// AWS: GetLogEvents — Amazon CloudWatch Logs API Reference
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html):
// "If you have reached the end of the stream, it returns the same token you passed in."

const MAX_RESPONSE_BYTES = 1_048_576
const MAX_EVENTS = 10_000

/** A position between events: (timestamp, seq). Forward reads return events after it. */
interface Position {
  timestamp: number
  seq: number
}

const START: Position = {timestamp: 0, seq: 0}

/**
 * Tokens look like AWS's (`f/<56 digits>/s`, `b/<56 digits>/s`): the direction, then the
 * position's timestamp (20 digits) and sequence (36 digits).
 */
function encodeToken(direction: 'f' | 'b', position: Position): string {
  return `${direction}/${String(position.timestamp).padStart(20, '0')}${String(position.seq).padStart(36, '0')}/s`
}

function decodeToken(token: string): {direction: 'f' | 'b'; position: Position} {
  const match = /^([fb])\/(\d{20})(\d{36})\/s$/.exec(token)
  if (!match) throw invalidParameter('The specified nextToken is invalid.')
  return {direction: match[1] as 'f' | 'b', position: {timestamp: Number(match[2]), seq: Number(match[3])}}
}

const after = (event: StoredEvent, position: Position): boolean =>
  event.timestamp > position.timestamp || (event.timestamp === position.timestamp && event.seq > position.seq)
const positionOf = (event: StoredEvent): Position => ({timestamp: event.timestamp, seq: event.seq})

const getLogEvents: Handler<LogsState> = (input, {state}) => {
  const {startTime, endTime, nextToken, limit, startFromHead} = input
  new Constraints()
    .number('startTime', startTime, {min: 0})
    .number('endTime', endTime, {min: 0})
    .number('limit', limit, {min: 1, max: MAX_EVENTS})
    .string('nextToken', nextToken, {min: 1})
    .check()
  const group = groupFromInput(state, input)
  const stream = requireStream(group, input.logStreamName)
  const token = nextToken === undefined ? undefined : decodeToken(nextToken)
  // startFromHead picks the direction (default: newest first), with or without a token; the
  // token only gives the position. AWS documents that a nextForwardToken "works only when you
  // specify true for startFromHead", and clients that page forward without it miss events.
  const forward = startFromHead === true
  const max = limit ?? MAX_EVENTS
  const events = stream.events
  // Events are sorted by (timestamp, seq): find the window by binary search, then walk it, so
  // following a long job log costs the page, not the stream.
  const page: StoredEvent[] = []
  let bytes = 0
  const take = (event: StoredEvent): boolean => {
    if (page.length >= max) return false
    bytes += Buffer.byteLength(event.message) + 26
    if (bytes > MAX_RESPONSE_BYTES && page.length > 0) return false
    page.push(event)
    return true
  }
  if (forward) {
    const from = token?.position ?? START
    let i = lowerBound(events, (event) => !after(event, from))
    if (startTime !== undefined) i = Math.max(i, lowerBound(events, (event) => event.timestamp < startTime))
    for (; i < events.length; i++) {
      const event = events[i]!
      if (endTime !== undefined && event.timestamp >= endTime) break
      if (!take(event)) break
    }
  } else {
    const before = token?.position
    let j = (before ? lowerBound(events, (event) => isBefore(event, before)) : events.length) - 1
    if (endTime !== undefined) j = Math.min(j, lowerBound(events, (event) => event.timestamp < endTime) - 1)
    for (; j >= 0; j--) {
      const event = events[j]!
      if (startTime !== undefined && event.timestamp < startTime) break
      if (!take(event)) break
    }
    page.reverse()
  }

  const first = page[0]
  const last = page.at(-1)
  let nextForwardToken: string
  let nextBackwardToken: string
  if (first && last) {
    nextForwardToken = encodeToken('f', positionOf(last))
    // The backward token sits just before the first event returned, so reading backward from it
    // returns the events before this page.
    nextBackwardToken = encodeToken('b', positionOf(first))
  } else if (token) {
    nextForwardToken = token.direction === 'f' ? nextToken : encodeToken('f', token.position)
    nextBackwardToken = token.direction === 'b' ? nextToken : encodeToken('b', token.position)
  } else {
    // Nothing in range: a forward token that will see the next event put, a backward token at the start.
    nextForwardToken = encodeToken('f', START)
    nextBackwardToken = encodeToken('b', START)
  }
  return {
    events: page.map((event) => ({timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime})),
    nextForwardToken,
    nextBackwardToken,
  }
}

function isBefore(event: StoredEvent, position: Position): boolean {
  return event.timestamp < position.timestamp || (event.timestamp === position.timestamp && event.seq < position.seq)
}

/** The first index whose event is not `below` (events sorted so that `below` holds for a prefix). */
function lowerBound(events: StoredEvent[], below: (event: StoredEvent) => boolean): number {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (below(events[mid]!)) lo = mid + 1
    else hi = mid
  }
  return lo
}

export const getLogEventsHandlers: Record<string, Handler<LogsState>> = {GetLogEvents: getLogEvents}
