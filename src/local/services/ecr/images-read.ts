import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {byPushTime, checkImageIds, find, type ImageId, lookupFailure, showId, TAG_STATUS} from './image-ids.js'
import {invalidParameter, page, requireRepository, seconds} from './lookup.js'
import type {EcrState, Repository, StoredImage} from './state.js'

// AWS: DescribeImages, ListImages, BatchGetImage — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html).

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

export const imageReadHandlers: Record<string, Handler<EcrState>> = {
  DescribeImages: describeImages,
  ListImages: listImages,
  BatchGetImage: batchGetImage,
}
