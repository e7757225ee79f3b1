import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from './constraints.js'
import {findGroup, requireGroup} from './lookup.js'
import type {LogGroup, LogsState} from './state.js'

// AWS: TagResource, UntagResource, ListTagsForResource (and the deprecated TagLogGroup,
// UntagLogGroup, ListTagsLogGroup) — Amazon CloudWatch Logs API Reference.

const MAX_TAGS = 50
export const tagConstraints = {
  max: MAX_TAGS,
  keyPattern: /[\p{L}\p{Z}\p{N}_.:/=+\-@]+/u,
  valuePattern: /[\p{L}\p{Z}\p{N}_.:/=+\-@]*/u,
}

function groupByArn(state: LogsState, resourceArn: unknown): LogGroup {
  new Constraints()
    .required('resourceArn', resourceArn)
    .string('resourceArn', resourceArn, {min: 1, max: 1011, pattern: /[\w+=/:,.@\-*]*/})
    .check()
  const group = String(resourceArn).includes(':log-group:') ? findGroup(state, String(resourceArn)) : undefined
  if (!group) throw new AwsError('ResourceNotFoundException', 'The specified resource does not exist.', 400)
  return group
}

function addTags(group: LogGroup, resourceName: string, tags: Record<string, string>): void {
  const merged = {...group.tags, ...tags}
  if (Object.keys(merged).length > MAX_TAGS) {
    throw new AwsError('TooManyTagsException', `A resource can have no more than ${MAX_TAGS} tags.`, 400, {resourceName})
  }
  group.tags = merged
}

export const tagHandlers: Record<string, Handler<LogsState>> = {
  TagResource: (input, {state}) => {
    const group = groupByArn(state, input.resourceArn)
    new Constraints().required('tags', input.tags).tags('tags', input.tags, tagConstraints).check()
    addTags(group, input.resourceArn, input.tags)
    return {}
  },
  UntagResource: (input, {state}) => {
    const group = groupByArn(state, input.resourceArn)
    new Constraints().required('tagKeys', input.tagKeys).list('tagKeys', input.tagKeys, {min: 0, max: MAX_TAGS}).check()
    for (const key of input.tagKeys as string[]) delete group.tags[key]
    return {}
  },
  ListTagsForResource: (input, {state}) => ({tags: {...groupByArn(state, input.resourceArn).tags}}),
  TagLogGroup: (input, {state}) => {
    const group = requireGroup(state, input.logGroupName)
    new Constraints().required('tags', input.tags).tags('tags', input.tags, tagConstraints).check()
    addTags(group, group.name, input.tags)
    return {}
  },
  UntagLogGroup: (input, {state}) => {
    const group = requireGroup(state, input.logGroupName)
    new Constraints().required('tags', input.tags).list('tags', input.tags, {min: 1, max: MAX_TAGS}).check()
    for (const key of input.tags as string[]) delete group.tags[key]
    return {}
  },
  ListTagsLogGroup: (input, {state}) => ({tags: {...requireGroup(state, input.logGroupName).tags}}),
}
