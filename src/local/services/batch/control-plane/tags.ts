import {clientException} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'
import {nameFromArn} from './lookup.js'
import {invalid} from './validate.js'

type Tags = Record<string, string>

/** AWS tagging limits: 50 tags per resource, keys 1–128, values 0–256, `aws:` reserved. */
const MAX_TAGS = 50

export function checkTagKey(key: string): void {
  if (key.length < 1 || key.length > 128) throw invalid(`Tag key '${key}' must be between 1 and 128 characters long`)
  if (key.toLowerCase().startsWith('aws:')) throw invalid(`Tag keys can't start with the reserved prefix 'aws:' ('${key}')`)
}

/** Checks tags given at creation or to TagResource; returns a copy ({} when none). */
export function checkTags(tags: unknown, existing: Tags = {}): Tags {
  if (tags === undefined || tags === null) return {...existing}
  if (typeof tags !== 'object' || Array.isArray(tags)) throw invalid('tags must be a map of strings')
  const merged: Tags = {...existing}
  for (const [key, value] of Object.entries(tags as Record<string, unknown>)) {
    checkTagKey(key)
    if (typeof value !== 'string') throw invalid(`Tag value for '${key}' must be a string`)
    if (value.length > 256) throw invalid(`Tag value for '${key}' must be at most 256 characters long`)
    merged[key] = value
  }
  if (Object.keys(merged).length > MAX_TAGS) {
    throw invalid(`A resource can have at most ${MAX_TAGS} tags`)
  }
  return merged
}

/** The record behind a taggable Batch ARN: compute environment, job queue, job definition revision, scheduling policy, job. */
function taggable(state: BatchState, arn: unknown): {tags?: Tags} {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) throw invalid('resourceArn must be a valid ARN')
  const ce = nameFromArn(state, 'compute-environment', arn)
  if (ce !== undefined) return found(state.computeEnvironments.get(ce), arn)
  const queue = nameFromArn(state, 'job-queue', arn)
  if (queue !== undefined) return found(state.jobQueues.get(queue), arn)
  const definition = nameFromArn(state, 'job-definition', arn)
  if (definition !== undefined) {
    const [name, revision] = definition.split(':')
    return found(state.jobDefinitions.get(name ?? '')?.find((def) => String(def.revision) === revision), arn)
  }
  if (nameFromArn(state, 'scheduling-policy', arn) !== undefined) return found(state.schedulingPolicies.get(arn), arn)
  const job = nameFromArn(state, 'job', arn)
  // Child jobs of array and multi-node jobs (`id:index`, `id#node`) are not taggable.
  if (job !== undefined && !/[:#]/.test(job)) return found(state.jobs.get(job), arn)
  throw clientException(`${arn} is not a valid AWS Batch resource ARN`)
}

function found<T extends {tags?: Tags}>(record: T | undefined, arn: string): T {
  if (!record) throw clientException(`Resource ${arn} does not exist`)
  return record
}

/** POST /v1/tags/{resourceArn}: adds or overwrites tags. */
const tagResource: Handler<BatchState> = (input, {state}) => {
  const record = taggable(state, input.resourceArn)
  if (!input.tags || Object.keys(input.tags).length === 0) throw invalid('tags must contain at least one tag')
  record.tags = checkTags(input.tags, record.tags ?? {})
  return {}
}

/** DELETE /v1/tags/{resourceArn}?tagKeys=…: removes the keys (absent keys are ignored). */
const untagResource: Handler<BatchState> = (input, {state}) => {
  const record = taggable(state, input.resourceArn)
  const keys: unknown = input.tagKeys
  if (!Array.isArray(keys) || keys.length < 1 || keys.length > MAX_TAGS) {
    throw invalid(`tagKeys must contain between 1 and ${MAX_TAGS} keys`)
  }
  const tags = {...(record.tags ?? {})}
  for (const key of keys as string[]) {
    checkTagKey(key)
    delete tags[key]
  }
  record.tags = tags
  return {}
}

/** GET /v1/tags/{resourceArn}. */
const listTagsForResource: Handler<BatchState> = (input, {state}) => ({tags: {...(taggable(state, input.resourceArn).tags ?? {})}})

export const tagHandlers: Record<string, Handler<BatchState>> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
}
