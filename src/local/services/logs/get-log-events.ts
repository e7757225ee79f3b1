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
  // A token carries its own direction; without one, startFromHead picks it (default: newest first).
  const forward = token ? token.direction === 'f' : startFromHead === true
  const max = limit ?? MAX_EVENTS
  const inRange = stream.events.filter(
    (event) => (startTime === undefined || event.timestamp >= startTime) && (endTime === undefined || event.timestamp < endTime),
  )

  let page: StoredEvent[]
  if (forward) {
    const from = token?.position ?? START
    page = takeWithinBytes(inRange.filter((event) => after(event, from)), max, 'head')
  } else {
    const before = token?.position
    page = takeWithinBytes(before ? inRange.filter((event) => isBefore(event, before)) : inRange, max, 'tail')
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
    // Nothing to read: a forward token that will see the next event put, a backward token at the start.
    const newest = inRange.at(-1)
    nextForwardToken = encodeToken('f', forward || !newest ? START : positionOf(newest))
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

/** At most `max` events from one end, and no more than AWS's 1 MB per response. */
function takeWithinBytes(events: StoredEvent[], max: number, end: 'head' | 'tail'): StoredEvent[] {
  const ordered = end === 'head' ? events : [...events].reverse()
  const taken: StoredEvent[] = []
  let bytes = 0
  for (const event of ordered) {
    if (taken.length >= max) break
    bytes += Buffer.byteLength(event.message) + 26
    if (bytes > MAX_RESPONSE_BYTES && taken.length > 0) break
    taken.push(event)
  }
  return end === 'head' ? taken : taken.reverse()
}

export const getLogEventsHandlers: Record<string, Handler<LogsState>> = {GetLogEvents: getLogEvents}
