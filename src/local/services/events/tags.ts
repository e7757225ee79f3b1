import type {Tag} from '@aws-sdk/client-eventbridge'

import type {RequestContext} from '../../service.js'
import {resourceByArn} from './lookup.js'
import type {EventsState} from './state.js'
import {checkLength, constraintError, requireString} from './validate.js'

/** Checks a tag list against EventBridge's limits (keys 1-128, values 0-256, at most 50 per resource). */
export function checkTags(tags: unknown): Tag[] {
  if (tags === undefined) return []
  if (!Array.isArray(tags)) throw constraintError(tags, 'tags', 'be a list')
  tags.forEach((tag: Tag, i) => {
    checkLength(requireString(tag?.Key, `tags.${i + 1}.member.key`), `tags.${i + 1}.member.key`, 1, 128)
    checkLength(requireString(tag?.Value, `tags.${i + 1}.member.value`), `tags.${i + 1}.member.value`, 0, 256)
  })
  return tags as Tag[]
}

export function applyTags(state: EventsState, arn: string, tags: Tag[]): void {
  const current = state.tags.get(arn) ?? new Map<string, string>()
  for (const tag of tags) current.set(tag.Key!, tag.Value!)
  if (current.size > 50) throw constraintError(tags, 'tags', 'have length less than or equal to 50')
  state.tags.set(arn, current)
}

export const tagHandlers = {
  TagResource(input: {ResourceARN?: string; Tags?: Tag[]}, {state}: RequestContext<EventsState>) {
    const arn = requireString(input.ResourceARN, 'resourceARN')
    resourceByArn(state, arn)
    applyTags(state, arn, checkTags(input.Tags))
    return {}
  },
  UntagResource(input: {ResourceARN?: string; TagKeys?: string[]}, {state}: RequestContext<EventsState>) {
    const arn = requireString(input.ResourceARN, 'resourceARN')
    resourceByArn(state, arn)
    for (const key of input.TagKeys ?? []) state.tags.get(arn)?.delete(key)
    return {}
  },
  ListTagsForResource(input: {ResourceARN?: string}, {state}: RequestContext<EventsState>) {
    const arn = requireString(input.ResourceARN, 'resourceARN')
    resourceByArn(state, arn)
    return {Tags: [...(state.tags.get(arn) ?? new Map<string, string>())].map(([Key, Value]) => ({Key, Value}))}
  },
}
