import {AwsError} from '../../aws-error.js'
import {Constraints, invalidParameter} from './constraints.js'
import type {LogGroup, LogsState, LogStream} from './state.js'

/** AWS's log group name rule (API reference, CreateLogGroup). */
// Kept as AWS spells it, since the pattern appears in validation messages.
export const LOG_GROUP_NAME = new RegExp(String.raw`[\.\-_/#A-Za-z0-9]+`)
/** AWS's log stream name rule: anything but `:` and `*`. */
export const LOG_STREAM_NAME = /[^:*]*/

export const groupNotFound = (): AwsError =>
  new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400)
export const streamNotFound = (): AwsError =>
  new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400)

/** A log group by name or by ARN (`logGroupIdentifier` accepts both; a trailing `:*` is allowed). */
export function findGroup(state: LogsState, identifier: string): LogGroup | undefined {
  const prefix = `arn:aws:logs:${state.region}:${state.accountId}:log-group:`
  const name = identifier.startsWith('arn:') ? identifier.slice(prefix.length).replace(/:\*$/, '') : identifier
  if (identifier.startsWith('arn:') && !identifier.startsWith(prefix)) return undefined
  return state.groups.get(name)
}

/**
 * The group an operation names through `logGroupName` or `logGroupIdentifier` (exactly one),
 * as GetLogEvents, FilterLogEvents and DescribeLogStreams accept.
 */
export function groupFromInput(state: LogsState, input: {logGroupName?: unknown; logGroupIdentifier?: unknown}): LogGroup {
  const {logGroupName, logGroupIdentifier} = input
  if (logGroupName !== undefined && logGroupIdentifier !== undefined) {
    throw invalidParameter('LogGroupName and LogGroupIdentifier are mutually exclusive parameters.')
  }
  if (logGroupName === undefined && logGroupIdentifier === undefined) {
    throw invalidParameter('Should provide either logGroupName or logGroupIdentifier.')
  }
  new Constraints()
    .string('logGroupName', logGroupName, {min: 1, max: 512, pattern: LOG_GROUP_NAME})
    .string('logGroupIdentifier', logGroupIdentifier, {min: 1, max: 2048, pattern: new RegExp(String.raw`[\w#+=/:,.@\-]*`)})
    .check()
  const group = findGroup(state, String(logGroupName ?? logGroupIdentifier))
  if (!group) throw groupNotFound()
  return group
}

/** A group that must exist, by `logGroupName`. */
export function requireGroup(state: LogsState, name: unknown): LogGroup {
  new Constraints().required('logGroupName', name).string('logGroupName', name, {min: 1, max: 512, pattern: LOG_GROUP_NAME}).check()
  const group = state.groups.get(name as string)
  if (!group) throw groupNotFound()
  return group
}

export function requireStream(group: LogGroup, name: unknown): LogStream {
  new Constraints().required('logStreamName', name).string('logStreamName', name, {min: 1, max: 512, pattern: LOG_STREAM_NAME}).check()
  const stream = group.streams.get(name as string)
  if (!stream) throw streamNotFound()
  return stream
}

/** Opaque pagination tokens: the key after which the next page starts. */
export function encodePageToken(key: string): string {
  return Buffer.from(JSON.stringify({after: key})).toString('base64url')
}

export function decodePageToken(token: unknown): string | undefined {
  if (token === undefined || token === null) return undefined
  try {
    const value = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {after?: unknown}
    if (typeof value.after === 'string') return value.after
  } catch {
    // an unreadable token is answered below
  }
  throw invalidParameter('The specified nextToken is invalid.')
}
