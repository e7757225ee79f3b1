import type {Tag} from '@aws-sdk/client-scheduler'

import type {RequestContext} from '../../service.js'
import {checkLength, constraintError, requireString} from '../events/validate.js'
import {notFound, validation} from './errors.js'
import type {SchedulerState} from './state.js'

type Ctx = RequestContext<SchedulerState>

/** Scheduler tag limits: keys 1-128, values 1-256, at most 200 per resource. */
export function checkTags(tags: unknown): Tag[] {
  if (tags === undefined) return []
  if (!Array.isArray(tags)) throw constraintError(tags, 'tags', 'be a list')
  if (tags.length > 200) throw constraintError(`[${tags.length} tags]`, 'tags', 'have length less than or equal to 200')
  tags.forEach((tag: Tag, i) => {
    checkLength(requireString(tag?.Key, `tags.${i + 1}.member.key`), `tags.${i + 1}.member.key`, 1, 128)
    checkLength(requireString(tag?.Value, `tags.${i + 1}.member.value`), `tags.${i + 1}.member.value`, 1, 256)
  })
  return tags as Tag[]
}

export function setTags(state: SchedulerState, arn: string, tags: Tag[]): void {
  const current = state.tags.get(arn) ?? new Map<string, string>()
  for (const tag of tags) current.set(tag.Key!, tag.Value!)
  state.tags.set(arn, current)
}

/** Only schedule groups take tags; a schedule ARN or an unknown group is refused. */
function taggable(state: SchedulerState, arn: string): string {
  const group = /^arn:aws[\w-]*:scheduler:[^:]*:\d*:schedule-group\/([^/]+)$/.exec(arn)
  if (!group) throw validation(`Invalid ARN ${arn}: only schedule groups can be tagged.`)
  if (!state.groups.has(group[1]!)) throw notFound(`Schedule group ${group[1]} does not exist.`)
  return arn
}

export const tagHandlers = {
  TagResource(input: {ResourceArn?: string; Tags?: Tag[]}, {state}: Ctx) {
    const arn = taggable(state, requireString(input.ResourceArn, 'resourceArn'))
    setTags(state, arn, checkTags(input.Tags))
    return {}
  },
  UntagResource(input: {ResourceArn?: string; TagKeys?: string[]}, {state}: Ctx) {
    const arn = taggable(state, requireString(input.ResourceArn, 'resourceArn'))
    for (const key of input.TagKeys ?? []) state.tags.get(arn)?.delete(key)
    return {}
  },
  ListTagsForResource(input: {ResourceArn?: string}, {state}: Ctx) {
    const arn = taggable(state, requireString(input.ResourceArn, 'resourceArn'))
    return {Tags: [...(state.tags.get(arn) ?? new Map<string, string>())].map(([Key, Value]) => ({Key, Value}))}
  },
}
