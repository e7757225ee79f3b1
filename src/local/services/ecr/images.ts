import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {invalidParameter, page, requireRepository, seconds} from './lookup.js'
import {storeImage} from './record-image.js'
import type {EcrState, Repository, StoredImage} from './state.js'

// AWS: DescribeImages, ListImages, BatchGetImage, PutImage, BatchDeleteImage — Amazon ECR API
// Reference (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html).

interface ImageId {
  imageDigest?: string
  imageTag?: string
}

const TAG_STATUS = ['TAGGED', 'UNTAGGED', 'ANY']

function checkImageIds(member: string, ids: unknown, required: boolean): void {
  const checks = new Constraints('ecr')
  if (required) checks.required(member, ids)
  checks.list(member, ids, {min: 1, max: 100}).check()
}

function byPushTime(repo: Repository): StoredImage[] {
  return [...repo.images.values()].sort((a, b) => a.pushedAt - b.pushedAt || (a.digest < b.digest ? -1 : 1))
}

function showId(id: ImageId): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`
}

/** Finds an image by digest and/or tag; `mismatch` when both are given and disagree. */
function find(repo: Repository, id: ImageId): StoredImage | 'mismatch' | undefined {
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

function lookupFailure(repo: Repository, id: ImageId) {
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

function detail(state: EcrState, repo: Repository, image: StoredImage): Record<string, unknown> {
  return {
    registryId: state.accountId,
    repositoryName: repo.name,
    imageDigest: image.digest,
    ...(image.tags.length ? {imageTags: [...image.tags]} : {}),
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: seconds(image.pushedAt),
    imageManifestMediaType: image.mediaType,
    ...(image.artifactMediaType ? {artifactMediaType: image.artifactMediaType} : {}),
  }
}

function matchesTagStatus(image: StoredImage, tagStatus: string | undefined): boolean {
  if (tagStatus === 'TAGGED') return image.tags.length > 0
  if (tagStatus === 'UNTAGGED') return image.tags.length === 0
  return true
}

const describeImages: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  const {imageIds, nextToken, maxResults, filter} = input
  checkImageIds('imageIds', imageIds, false)
  new Constraints('ecr').oneOf('filter.tagStatus', filter?.tagStatus, TAG_STATUS).check()
  if (imageIds) {
    if (maxResults !== undefined || nextToken !== undefined) {
      throw invalidParameter('maxResults and nextToken cannot be used when imageIds is specified')
    }
    const images = (imageIds as ImageId[]).map((id) => {
      const found = find(repo, id)
      if (!found || found === 'mismatch') {
        throw new AwsError(
          'ImageNotFoundException',
          `The image with imageId ${showId(id)} does not exist within the repository with name '${repo.name}' in the registry with id '${state.accountId}'`,
          400,
        )
      }
      return found
    })
    return {imageDetails: [...new Set(images)].map((image) => detail(state, repo, image))}
  }
  const result = page(
    byPushTime(repo).filter((image) => matchesTagStatus(image, filter?.tagStatus)),
    nextToken,
    maxResults,
  )
  return {
    imageDetails: result.items.map((image) => detail(state, repo, image)),
    ...(result.nextToken ? {nextToken: result.nextToken} : {}),
  }
}

const listImages: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  new Constraints('ecr').oneOf('filter.tagStatus', input.filter?.tagStatus, TAG_STATUS).check()
  // One identifier per tag; an untagged image is listed by digest alone.
  const ids = byPushTime(repo)
    .filter((image) => matchesTagStatus(image, input.filter?.tagStatus))
    .flatMap((image): ImageId[] =>
      image.tags.length ? image.tags.map((imageTag) => ({imageDigest: image.digest, imageTag})) : [{imageDigest: image.digest}],
    )
  const result = page(ids, input.nextToken, input.maxResults)
  return {imageIds: result.items, ...(result.nextToken ? {nextToken: result.nextToken} : {})}
}

const batchGetImage: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  checkImageIds('imageIds', input.imageIds, true)
  new Constraints('ecr').list('acceptedMediaTypes', input.acceptedMediaTypes, {min: 1, max: 100}).check()
  const images: unknown[] = []
  const failures: unknown[] = []
  for (const id of input.imageIds as ImageId[]) {
    const result = lookupFailure(repo, id)
    if (result.failure) {
      failures.push(result.failure)
      continue
    }
    const image = result.image!
    images.push({
      registryId: state.accountId,
      repositoryName: repo.name,
      imageId: {imageDigest: image.digest, ...(id.imageTag ? {imageTag: id.imageTag} : {})},
      imageManifest: image.manifest,
      imageManifestMediaType: image.mediaType,
    })
  }
  return {images, failures}
}

const putImage: Handler<EcrState> = (input, {state, clock}) => {
  new Constraints('ecr')
    .required('imageManifest', input.imageManifest)
    .string('imageManifest', input.imageManifest, {min: 1, max: 4_194_304})
    .string('imageTag', input.imageTag, {min: 1, max: 300})
    .check()
  const {repo, image} = storeImage(
    state,
    clock.now(),
    {
      repositoryName: input.repositoryName,
      manifest: input.imageManifest,
      ...(input.imageManifestMediaType ? {mediaType: input.imageManifestMediaType} : {}),
      ...(input.imageTag ? {tags: [input.imageTag]} : {}),
      ...(input.imageDigest ? {digest: input.imageDigest} : {}),
    },
    true,
  )
  return {
    image: {
      registryId: state.accountId,
      repositoryName: repo.name,
      imageId: {imageDigest: image.digest, ...(input.imageTag ? {imageTag: input.imageTag} : {})},
      imageManifest: image.manifest,
      imageManifestMediaType: image.mediaType,
    },
  }
}

const batchDeleteImage: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  checkImageIds('imageIds', input.imageIds, true)
  const deleted: ImageId[] = []
  const failures: unknown[] = []
  for (const id of input.imageIds as ImageId[]) {
    const result = lookupFailure(repo, id)
    if (result.failure) {
      failures.push(result.failure)
      continue
    }
    const image = result.image!
    // Deleting by tag only removes the tag; the image goes with its last tag or by digest.
    if (id.imageTag !== undefined && id.imageDigest === undefined) {
      image.tags = image.tags.filter((tag) => tag !== id.imageTag)
      deleted.push({imageDigest: image.digest, imageTag: id.imageTag})
      if (image.tags.length === 0) repo.images.delete(image.digest)
    } else {
      repo.images.delete(image.digest)
      if (image.tags.length === 0) deleted.push({imageDigest: image.digest})
      for (const imageTag of image.tags) deleted.push({imageDigest: image.digest, imageTag})
    }
  }
  return {imageIds: deleted, failures}
}

export const imageHandlers: Record<string, Handler<EcrState>> = {
  DescribeImages: describeImages,
  ListImages: listImages,
  BatchGetImage: batchGetImage,
  PutImage: putImage,
  BatchDeleteImage: batchDeleteImage,
}

