import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {decodePageToken, encodePageToken, groupFromInput, LOG_STREAM_NAME, requireGroup, requireStream} from './lookup.js'
import {type LogGroup, type LogsState, type LogStream, logStreamArn} from './state.js'

// AWS: CreateLogStream, DeleteLogStream, DescribeLogStreams — Amazon CloudWatch Logs API Reference.

const createLogStream: Handler<LogsState> = (input, {state, clock}) => {
  const group = requireGroup(state, input.logGroupName)
  const name = input.logStreamName
  new Constraints()
    .required('logStreamName', name)
    .string('logStreamName', name, {min: 1, max: 512, pattern: LOG_STREAM_NAME})
    .check()
  if (group.streams.has(name)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400)
  }
  group.streams.set(name, {name, creationTime: clock.now(), events: []})
  return {}
}

const deleteLogStream: Handler<LogsState> = (input, {state}) => {
  const group = requireGroup(state, input.logGroupName)
  const stream = requireStream(group, input.logStreamName)
  group.streams.delete(stream.name)
  group.storedBytes -= stream.events.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0)
  return {}
}

/**
 * A log stream as DescribeLogStreams reports it. `storedBytes` has been deprecated for
 * streams since 2019 and is always 0; event times appear once the stream has events.
 */
export function describeStream(state: LogsState, group: LogGroup, stream: LogStream): Record<string, unknown> {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp === undefined
      ? {}
      : {
          firstEventTimestamp: stream.firstEventTimestamp,
          lastEventTimestamp: stream.lastEventTimestamp,
          lastIngestionTime: stream.lastIngestionTime,
          uploadSequenceToken: stream.uploadSequenceToken,
        }),
    arn: logStreamArn(state, group.name, stream.name),
    storedBytes: 0,
  }
}

const describeLogStreams: Handler<LogsState> = (input, {state}) => {
  const {logStreamNamePrefix, orderBy, descending, limit, nextToken} = input
  new Constraints()
    .string('logStreamNamePrefix', logStreamNamePrefix, {min: 1, max: 512, pattern: LOG_STREAM_NAME})
    .oneOf('orderBy', orderBy, ['LogStreamName', 'LastEventTime'])
    .number('limit', limit, {min: 1, max: 50})
    .check()
  const group = groupFromInput(state, input)
  if (orderBy === 'LastEventTime' && logStreamNamePrefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.')
  }
  const byTime = orderBy === 'LastEventTime'
  const compare = byTime
    ? (a: LogStream, b: LogStream) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || byName(a, b)
    : byName
  const sorted = [...group.streams.values()]
    .filter((stream) => logStreamNamePrefix === undefined || stream.name.startsWith(logStreamNamePrefix))
    .sort((a, b) => (descending ? -compare(a, b) : compare(a, b)))
  // Name order resumes after the last name (stable while streams come and go); time order,
  // which shifts as events arrive, resumes at an offset.
  const after = decodePageToken(nextToken)
  let start = 0
  if (after?.startsWith('i:')) start = Number(after.slice(2))
  else if (after?.startsWith('n:')) {
    const last = after.slice(2)
    start = sorted.findIndex((stream) => (descending ? stream.name < last : stream.name > last))
    if (start < 0) start = sorted.length
  }
  const page = sorted.slice(start, start + (limit ?? 50))
  const more = start + page.length < sorted.length
  return {
    logStreams: page.map((stream) => describeStream(state, group, stream)),
    ...(more ? {nextToken: encodePageToken(byTime ? `i:${start + page.length}` : `n:${page.at(-1)!.name}`)} : {}),
  }
}

function byName(a: LogStream, b: LogStream): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

export const logStreamHandlers: Record<string, Handler<LogsState>> = {
  CreateLogStream: createLogStream,
  DeleteLogStream: deleteLogStream,
  DescribeLogStreams: describeLogStreams,
}
