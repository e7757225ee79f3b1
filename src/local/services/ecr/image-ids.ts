import {Constraints} from '../logs/constraints.js'
import type {Repository, StoredImage} from './state.js'

// Image identifiers ({imageDigest, imageTag}) as DescribeImages, BatchGetImage and
// BatchDeleteImage take them, and the per-image failures BatchGetImage/BatchDeleteImage report.

/** An image named by digest, tag or both. */
export interface ImageId {
  imageDigest?: string
  imageTag?: string
}

export const TAG_STATUS = ['TAGGED', 'UNTAGGED', 'ANY']

export function checkImageIds(member: string, ids: unknown, required: boolean): void {
  const checks = new Constraints('ecr')
  if (required) checks.required(member, ids)
  checks.list(member, ids, {min: 1, max: 100}).check()
}

export function byPushTime(repo: Repository): StoredImage[] {
  return [...repo.images.values()].sort((a, b) => a.pushedAt - b.pushedAt || (a.digest < b.digest ? -1 : 1))
}

export function showId(id: ImageId): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`
}

/** Finds an image by digest and/or tag; `mismatch` when both are given and disagree. */
export function find(repo: Repository, id: ImageId): StoredImage | 'mismatch' | undefined {
  const byDigest = id.imageDigest === undefined ? undefined : repo.images.get(id.imageDigest)
  const byTag = id.imageTag === undefined ? undefined : [...repo.images.values()].find((image) => image.tags.includes(id.imageTag!))
  if (id.imageDigest !== undefined && id.imageTag !== undefined) {
    if (!byDigest || !byTag) return undefined
    return byDigest === byTag ? byDigest : 'mismatch'
  }
  return byDigest ?? byTag
}

function failure(id: ImageId, code: string, reason: string) {
  return {imageId: id, failureCode: code, failureReason: reason}
}

export function lookupFailure(repo: Repository, id: ImageId) {
  if (id.imageDigest === undefined && id.imageTag === undefined) {
    return {failure: failure(id, 'MissingDigestAndTag', 'Invalid request parameters: both tag and digest cannot be null')}
  }
  if (id.imageDigest !== undefined && !/^[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+$/.test(id.imageDigest)) {
    return {failure: failure(id, 'InvalidImageDigest', 'Invalid request parameters: image digest should satisfy the regex')}
  }
  const found = find(repo, id)
  if (found === 'mismatch') return {failure: failure(id, 'ImageTagDoesNotMatchDigest', 'Invalid request parameters: image tag does not match digest')}
  if (!found) return {failure: failure(id, 'ImageNotFound', 'Requested image not found')}
  return {image: found}
}
