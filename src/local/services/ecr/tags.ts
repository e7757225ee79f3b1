import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {invalidParameter, repositoryNotFound} from './lookup.js'
import type {EcrState, Repository} from './state.js'

// AWS: TagResource, UntagResource, ListTagsForResource — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_TagResource.html): tags are
// `{Key, Value}` objects, at most 50 per resource; bad tags are InvalidTagParameterException.

const MAX_TAGS = 50
const invalidTag = (message: string) => new AwsError('InvalidTagParameterException', message, 400)

/** Validates a list of `{Key, Value}` tags. */
export function checkTags(tags: unknown): void {
  if (tags === undefined) return
  if (!Array.isArray(tags)) throw invalidTag('Tags must be a list of Key/Value pairs.')
  for (const tag of tags as Array<{Key?: unknown; Value?: unknown}>) {
    if (typeof tag?.Key !== 'string' || tag.Key.length < 1 || tag.Key.length > 128) {
      throw invalidTag('Tag keys must be between 1 and 128 characters.')
    }
    if (tag.Value !== undefined && (typeof tag.Value !== 'string' || tag.Value.length > 256)) {
      throw invalidTag('Tag values must be at most 256 characters.')
    }
    if (tag.Key.toLowerCase().startsWith('aws:')) throw invalidTag("Tag keys can't start with the reserved prefix 'aws:'.")
  }
  if (tags.length > MAX_TAGS) throw tooManyTags()
}

const tooManyTags = () => new AwsError('TooManyTagsException', `A repository can have no more than ${MAX_TAGS} tags.`, 400)

function repositoryByArn(state: EcrState, resourceArn: unknown): Repository {
  new Constraints('ecr').required('resourceArn', resourceArn).check()
  const match = /^arn:aws[a-z-]*:ecr:([^:]+):(\d{12}):repository\/(.+)$/.exec(String(resourceArn))
  if (!match) throw invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'")
  const [, region, account, name] = match
  const repo = region === state.region && account === state.accountId ? state.repositories.get(name!) : undefined
  if (!repo) throw repositoryNotFound(state, name!)
  return repo
}

export const tagHandlers: Record<string, Handler<EcrState>> = {
  TagResource: (input, {state}) => {
    const repo = repositoryByArn(state, input.resourceArn)
    new Constraints('ecr').required('tags', input.tags).check()
    checkTags(input.tags)
    const merged = [...repo.tags]
    for (const tag of input.tags as Array<{Key: string; Value?: string}>) {
      const existing = merged.find((t) => t.Key === tag.Key)
      if (existing) existing.Value = tag.Value ?? ''
      else merged.push({Key: tag.Key, Value: tag.Value ?? ''})
    }
    if (merged.length > MAX_TAGS) throw tooManyTags()
    repo.tags = merged
    return {}
  },
  UntagResource: (input, {state}) => {
    const repo = repositoryByArn(state, input.resourceArn)
    new Constraints('ecr').required('tagKeys', input.tagKeys).list('tagKeys', input.tagKeys, {min: 0, max: MAX_TAGS}).check()
    const remove = new Set(input.tagKeys as string[])
    repo.tags = repo.tags.filter((tag) => !remove.has(tag.Key))
    return {}
  },
  ListTagsForResource: (input, {state}) => ({tags: repositoryByArn(state, input.resourceArn).tags.map((tag) => ({...tag}))}),
}
