import {randomUUID} from 'node:crypto'

import {AwsError} from '../../aws-error.js'
import type {TimerHandle} from '../../clock.js'
import {type Handler, StreamingResponse} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {ChunkQueue, jsonEvent, jsonException} from './event-stream.js'
import {compileFilterPattern} from './filter-pattern.js'
import {findGroup, groupNotFound, LOG_STREAM_NAME} from './lookup.js'
import type {LogGroup, LogListener, LogsState, LogStream, StoredEvent} from './state.js'

// AWS: StartLiveTail — Amazon CloudWatch Logs API Reference
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html):
// one sessionStart, then a sessionUpdate every second (empty when nothing arrived), at most 500
// events per update (sampled beyond that), at most 10 updates buffered for a slow reader (oldest
// dropped), SessionTimeoutException after three hours. logGroupIdentifiers: "Specify each log group
// by its ARN"; names are refused here (the reference allows no other form for this operation).
// At most 15 concurrent sessions per account and Region (the Live Tail quota of "CloudWatch Logs
// quotas", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html;
// the API reference does not state the number); one more fails with LimitExceededException,
// which StartLiveTail lists among its errors.

const UPDATE_INTERVAL_MS = 1000
const MAX_EVENTS_PER_UPDATE = 500
const MAX_BUFFERED_UPDATES = 10
const SESSION_TIMEOUT_MS = 3 * 3_600_000
const IDENTIFIER = new RegExp(String.raw`[\w#+=/:,.@\-]*`)
const MAX_SESSIONS = 15

/** An open session, as tests can reach it (`liveTailSessions`). */
export interface LiveTailSessionHandle {
  readonly logGroupIdentifiers: string[]
  readonly logStreamNamePrefixes: string[] | undefined
  /** Ends the session with an exception in its stream (SessionStreamingException, SessionTimeoutException). */
  fail(exceptionType: string, message: string): void
}

const open = new WeakMap<LogsState, Set<LiveTailSessionHandle>>()

/** The open Live Tail sessions of a region's state (to end them in tests, or count them). */
export function liveTailSessions(state: LogsState): ReadonlySet<LiveTailSessionHandle> {
  return open.get(state) ?? new Set()
}

interface LiveTailEvent {
  logStreamName: string
  logGroupIdentifier: string
  message: string
  timestamp: number
  ingestionTime: number
}

const startLiveTail: Handler<LogsState> = (input, {state, clock, requestId}) => {
  const {logGroupIdentifiers, logStreamNames, logStreamNamePrefixes, logEventFilterPattern} = input
  const checks = new Constraints()
    .required('logGroupIdentifiers', logGroupIdentifiers)
    .list('logGroupIdentifiers', logGroupIdentifiers, {min: 1, max: 10})
    .list('logStreamNames', logStreamNames, {min: 1, max: 100})
    .list('logStreamNamePrefixes', logStreamNamePrefixes, {min: 1, max: 100})
    .string('logEventFilterPattern', logEventFilterPattern, {max: 1024})
  for (const id of Array.isArray(logGroupIdentifiers) ? logGroupIdentifiers : []) {
    checks.string('logGroupIdentifiers.member', id, {min: 1, max: 2048, pattern: IDENTIFIER})
  }
  for (const name of [...(logStreamNames ?? []), ...(logStreamNamePrefixes ?? [])]) {
    checks.string('logStreamNames.member', name, {min: 1, max: 512, pattern: LOG_STREAM_NAME})
  }
  checks.check()
  if (logStreamNames && logStreamNamePrefixes) {
    throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.')
  }
  if ((logStreamNames || logStreamNamePrefixes) && logGroupIdentifiers.length !== 1) {
    throw invalidParameter('Only one log group can be specified with logStreamNames or logStreamNamePrefixes.')
  }
  const identifierOf = new Map<LogGroup, string>()
  for (const identifier of logGroupIdentifiers as string[]) {
    if (identifier.endsWith('*')) throw invalidParameter('A log group ARN in logGroupIdentifiers must not end with *.')
    if (!identifier.startsWith('arn:')) throw invalidParameter(`logGroupIdentifiers takes log group ARNs, not names: ${identifier}`)
    const group = findGroup(state, identifier)
    if (!group) throw groupNotFound()
    identifierOf.set(group, identifier)
  }
  const sessions = open.get(state) ?? new Set<LiveTailSessionHandle>()
  open.set(state, sessions)
  if (sessions.size >= MAX_SESSIONS) {
    throw new AwsError('LimitExceededException', `You have reached the maximum number of concurrent Live Tail sessions (${MAX_SESSIONS}).`, 400)
  }
  const matches = compileFilterPattern(logEventFilterPattern)
  const streamWanted = (stream: LogStream) =>
    (!logStreamNames || (logStreamNames as string[]).includes(stream.name)) &&
    (!logStreamNamePrefixes || (logStreamNamePrefixes as string[]).some((prefix) => stream.name.startsWith(prefix)))

  const queue = new ChunkQueue()
  let pending: LiveTailEvent[] = []
  const listener: LogListener = (group: LogGroup, stream: LogStream, events: StoredEvent[]) => {
    const identifier = identifierOf.get(group)
    if (identifier === undefined || !streamWanted(stream)) return
    for (const event of events) {
      if (!matches(event.message)) continue
      pending.push({
        logStreamName: stream.name,
        logGroupIdentifier: identifier,
        message: event.message,
        timestamp: event.timestamp,
        ingestionTime: event.ingestionTime,
      })
    }
  }
  state.listeners.add(listener)

  const started = clock.now()
  let timer: TimerHandle | undefined
  const handle: LiveTailSessionHandle = {
    logGroupIdentifiers,
    logStreamNamePrefixes,
    fail: (exceptionType, message) => {
      queue.push(jsonException(exceptionType, message))
      stop()
    },
  }
  sessions.add(handle)
  const stop = () => {
    sessions.delete(handle)
    state.listeners.delete(listener)
    clock.clearTimeout(timer)
    queue.end()
  }
  const tick = () => {
    if (clock.now() - started >= SESSION_TIMEOUT_MS) {
      handle.fail('SessionTimeoutException', 'Session timed out after three hours.')
      return
    }
    const {events, sampled} = sample(pending)
    pending = []
    if (queue.size >= MAX_BUFFERED_UPDATES) queue.dropOldest()
    queue.push(jsonEvent('sessionUpdate', {sessionMetadata: {sampled}, sessionResults: events}))
    timer = clock.setTimeout(tick, UPDATE_INTERVAL_MS)
  }

  queue.push(
    jsonEvent('sessionStart', {
      requestId,
      sessionId: randomUUID(),
      logGroupIdentifiers,
      ...(logStreamNames ? {logStreamNames} : {}),
      ...(logStreamNamePrefixes ? {logStreamNamePrefixes} : {}),
      ...(logEventFilterPattern !== undefined ? {logEventFilterPattern} : {}),
    }),
  )
  timer = clock.setTimeout(tick, UPDATE_INTERVAL_MS)
  return new StreamingResponse({'content-type': 'application/vnd.amazon.eventstream'}, queue, stop)
}

/** Up to 500 events, evenly spread over what arrived when more came in. */
function sample(events: LiveTailEvent[]): {events: LiveTailEvent[]; sampled: boolean} {
  if (events.length <= MAX_EVENTS_PER_UPDATE) return {events, sampled: false}
  const step = events.length / MAX_EVENTS_PER_UPDATE
  return {events: Array.from({length: MAX_EVENTS_PER_UPDATE}, (_, i) => events[Math.floor(i * step)]!), sampled: true}
}

export const liveTailHandlers: Record<string, Handler<LogsState>> = {StartLiveTail: startLiveTail}
