import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {checkImageIds, type ImageId, lookupFailure} from './image-ids.js'
import {requireRepository} from './lookup.js'
import {storeImage} from './record-image.js'
import type {EcrState} from './state.js'

// AWS: PutImage, BatchDeleteImage — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html).

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

export const imageWriteHandlers: Record<string, Handler<EcrState>> = {
  PutImage: putImage,
  BatchDeleteImage: batchDeleteImage,
}
