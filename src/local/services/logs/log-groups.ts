import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints, invalidParameter} from './constraints.js'
import {decodePageToken, encodePageToken, LOG_GROUP_NAME, requireGroup} from './lookup.js'
import {type LogGroup, logGroupArn, type LogsState} from './state.js'
import {tagConstraints} from './tags.js'

// AWS: CreateLogGroup, DeleteLogGroup, DescribeLogGroups, PutRetentionPolicy,
// DeleteRetentionPolicy — Amazon CloudWatch Logs API Reference.

/** The retention values PutRetentionPolicy accepts (days). */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const

const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY']

const createLogGroup: Handler<LogsState> = (input, {state, clock}) => {
  const {logGroupName, kmsKeyId, tags, logGroupClass} = input
  new Constraints()
    .required('logGroupName', logGroupName)
    .string('logGroupName', logGroupName, {min: 1, max: 512, pattern: LOG_GROUP_NAME})
    .string('kmsKeyId', kmsKeyId, {max: 256})
    .oneOf('logGroupClass', logGroupClass, LOG_GROUP_CLASSES)
    .tags('tags', tags, tagConstraints)
    .check()
  // Names under `aws/` are AWS's own (vended logs); `/aws/...` is fine, as Batch's default group shows.
  if (logGroupName.toLowerCase().startsWith('aws/')) throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.')
  if (state.groups.has(logGroupName)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists', 400)
  }
  const group: LogGroup = {
    name: logGroupName,
    creationTime: clock.now(),
    logGroupClass: logGroupClass ?? 'STANDARD',
    tags: {...tags},
    streams: new Map(),
    storedBytes: 0,
    ...(kmsKeyId ? {kmsKeyId} : {}),
  }
  state.groups.set(logGroupName, group)
  return {}
}

const deleteLogGroup: Handler<LogsState> = (input, {state}) => {
  const group = requireGroup(state, input.logGroupName)
  state.groups.delete(group.name)
  return {}
}

/** A log group as DescribeLogGroups reports it. */
export function describeGroup(state: LogsState, group: LogGroup): Record<string, unknown> {
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionInDays ? {retentionInDays: group.retentionInDays} : {}),
    metricFilterCount: 0,
    arn: `${logGroupArn(state, group.name)}:*`,
    storedBytes: group.storedBytes,
    ...(group.kmsKeyId ? {kmsKeyId: group.kmsKeyId} : {}),
    logGroupClass: group.logGroupClass,
    logGroupArn: logGroupArn(state, group.name),
  }
}

const describeLogGroups: Handler<LogsState> = (input, {state}) => {
  const {logGroupNamePrefix, logGroupNamePattern, limit, nextToken, logGroupClass, logGroupIdentifiers} = input
  new Constraints()
    .string('logGroupNamePrefix', logGroupNamePrefix, {min: 1, max: 512, pattern: LOG_GROUP_NAME})
    .string('logGroupNamePattern', logGroupNamePattern, {max: 512, pattern: new RegExp(String.raw`[\.\-_/#A-Za-z0-9]*`)})
    .number('limit', limit, {min: 1, max: 50})
    .oneOf('logGroupClass', logGroupClass, LOG_GROUP_CLASSES)
    .list('logGroupIdentifiers', logGroupIdentifiers, {min: 1, max: 50})
    .check()
  if (logGroupNamePrefix !== undefined && logGroupNamePattern !== undefined) {
    throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.')
  }
  const after = decodePageToken(nextToken)
  const wanted = logGroupIdentifiers
    ? new Set((logGroupIdentifiers as string[]).map((id) => id.replace(/^arn:aws:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '')))
    : undefined
  // AWS lists log groups in name order; the page token remembers the last name returned.
  const matching = [...state.groups.values()]
    .filter((group) => logGroupNamePrefix === undefined || group.name.startsWith(logGroupNamePrefix))
    .filter((group) => logGroupNamePattern === undefined || group.name.includes(logGroupNamePattern))
    .filter((group) => logGroupClass === undefined || group.logGroupClass === logGroupClass)
    .filter((group) => wanted === undefined || wanted.has(group.name))
    .filter((group) => after === undefined || group.name > after)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const page = matching.slice(0, limit ?? 50)
  const more = matching.length > page.length
  return {
    logGroups: page.map((group) => describeGroup(state, group)),
    ...(more ? {nextToken: encodePageToken(page.at(-1)!.name)} : {}),
  }
}

const putRetentionPolicy: Handler<LogsState> = (input, {state}) => {
  new Constraints()
    .required('retentionInDays', input.retentionInDays)
    .oneOf('retentionInDays', input.retentionInDays, RETENTION_DAYS)
    .check()
  requireGroup(state, input.logGroupName).retentionInDays = input.retentionInDays
  return {}
}

const deleteRetentionPolicy: Handler<LogsState> = (input, {state}) => {
  delete requireGroup(state, input.logGroupName).retentionInDays
  return {}
}

export const logGroupHandlers: Record<string, Handler<LogsState>> = {
  CreateLogGroup: createLogGroup,
  DeleteLogGroup: deleteLogGroup,
  DescribeLogGroups: describeLogGroups,
  PutRetentionPolicy: putRetentionPolicy,
  DeleteRetentionPolicy: deleteRetentionPolicy,
}

