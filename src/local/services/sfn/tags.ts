import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {constraint, invalidArn} from './errors.js'
import type {SfnState, SfnTag} from './state.js'
import {checkTags} from './validate-input.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html
// Tags apply to state machines and activities; an unknown resource is ResourceNotFound and more
// than 50 tags on one resource is TooManyTags.
const MAX_TAGS = 50

function taggable(state: SfnState, arn: unknown): SfnTag[] {
  if (typeof arn !== 'string' || arn === '') throw constraint('null', 'resourceArn', 'Member must not be null')
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:[a-zA-Z]+:.+$/.test(arn)) throw invalidArn(arn)
  const machine = state.stateMachines.get(arn)
  if (!machine) throw new AwsError('ResourceNotFound', `Resource not found: '${arn}'`, 400, {resourceName: arn})
  return machine.tags
}

const tagResource: Handler<SfnState> = (input, {state}) => {
  const tags = taggable(state, input.resourceArn)
  const merged = new Map(tags.map((t) => [t.key, t.value]))
  for (const tag of checkTags(input.tags)) merged.set(tag.key, tag.value)
  if (merged.size > MAX_TAGS) throw new AwsError('TooManyTags', 'Too many tags', 400, {resourceName: input.resourceArn})
  tags.splice(0, tags.length, ...[...merged].map(([key, value]) => ({key, value})))
  return {}
}

const untagResource: Handler<SfnState> = (input, {state}) => {
  const tags = taggable(state, input.resourceArn)
  const remove = new Set<string>(Array.isArray(input.tagKeys) ? input.tagKeys : [])
  tags.splice(0, tags.length, ...tags.filter((t) => !remove.has(t.key)))
  return {}
}

const listTagsForResource: Handler<SfnState> = (input, {state}) => ({tags: taggable(state, input.resourceArn).map((t) => ({...t}))})

export const tagHandlers: Record<string, Handler<SfnState>> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
}
