import {createHash} from 'node:crypto'

import {AwsError} from '../../aws-error.js'
import type {Emulator} from '../../emulator.js'
import {invalidParameter, requireRepository} from './lookup.js'
import type {EcrState, Repository, StoredImage} from './state.js'

/** An image manifest pushed to a repository (by PutImage, or by a registry in front of the emulator). */
export interface ImagePush {
  repositoryName: string
  /** The manifest as pushed (its sha256 is the image digest). */
  manifest: string
  /** Default: the manifest's own `mediaType`, else the Docker v2 schema 2 type. */
  mediaType?: string
  tags?: string[]
  /** If given, must equal the manifest's digest. */
  digest?: string
  /** Default: the sum of the manifest's layer sizes. */
  sizeInBytes?: number
}

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'

export function manifestDigest(manifest: string): string {
  return `sha256:${createHash('sha256').update(manifest, 'utf8').digest('hex')}`
}

function wildcard(filter: string): RegExp {
  return new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
}

/** Whether pushing `tag` onto another image is refused by the repository's tag mutability. */
export function isTagImmutable(repo: Repository, tag: string): boolean {
  const excluded = (repo.imageTagMutabilityExclusionFilters ?? []).some((filter) => wildcard(filter.filter).test(tag))
  switch (repo.imageTagMutability) {
    case 'IMMUTABLE':
      return true
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded
    default:
      return false
  }
}

/**
 * Records a pushed manifest with ECR's rules: the digest is the manifest's sha256, a tag moves
 * from the image that had it unless the tag is immutable (ImageTagAlreadyExistsException), and
 * pushing the same digest and tags again is ImageAlreadyExistsException when `strict` (PutImage);
 * a registry push of an existing image is a no-op.
 */
export function storeImage(state: EcrState, now: number, push: ImagePush, strict: boolean): {repo: Repository; image: StoredImage} {
  const repo = requireRepository(state, {repositoryName: push.repositoryName})
  const digest = manifestDigest(push.manifest)
  if (push.digest !== undefined && push.digest !== digest) {
    throw new AwsError(
      'ImageDigestDoesNotMatchException',
      `Provided digest '${push.digest}' does not match the digest of the manifest '${digest}'`,
      400,
    )
  }
  let parsed: {mediaType?: unknown; config?: {mediaType?: unknown; size?: unknown}; layers?: Array<{size?: unknown}>} = {}
  try {
    parsed = JSON.parse(push.manifest)
  } catch {
    throw new AwsError('InvalidParameterException', 'Invalid parameter at \'imageManifest\' failed to satisfy constraint: \'Invalid JSON syntax\'', 400)
  }
  const tags = push.tags ?? []
  const existing = repo.images.get(digest)
  if (existing && strict && tags.every((tag) => existing.tags.includes(tag))) {
    throw new AwsError(
      'ImageAlreadyExistsException',
      `Image with digest '${digest}'${tags.length ? ` and tag '${tags.join(',')}'` : ''} already exists in the repository with name '${repo.name}' in registry with id '${state.accountId}'`,
      400,
    )
  }
  for (const tag of tags) {
    if (tag.length < 1 || tag.length > 300) throw invalidParameter("Invalid parameter at 'imageTag' failed to satisfy constraint: 'must be between 1 and 300 characters'")
    for (const other of repo.images.values()) {
      if (other.digest === digest || !other.tags.includes(tag)) continue
      if (isTagImmutable(repo, tag)) {
        throw new AwsError(
          'ImageTagAlreadyExistsException',
          `The image tag '${tag}' already exists in the '${repo.name}' repository and cannot be overwritten because the tag is immutable.`,
          400,
        )
      }
    }
  }
  for (const tag of tags) {
    for (const other of repo.images.values()) if (other.digest !== digest) other.tags = other.tags.filter((t) => t !== tag)
  }
  const image: StoredImage = existing ?? {
    digest,
    tags: [],
    manifest: push.manifest,
    mediaType: push.mediaType ?? (typeof parsed.mediaType === 'string' ? parsed.mediaType : DOCKER_MANIFEST),
    ...(typeof parsed.config?.mediaType === 'string' ? {artifactMediaType: parsed.config.mediaType} : {}),
    sizeInBytes: push.sizeInBytes ?? (parsed.layers ?? []).reduce((sum, layer) => sum + (typeof layer.size === 'number' ? layer.size : 0), 0),
    pushedAt: now,
  }
  for (const tag of tags) if (!image.tags.includes(tag)) image.tags.push(tag)
  repo.images.set(digest, image)
  return {repo, image}
}

/**
 * For other emulator code (a local registry): records a pushed image manifest in the ECR state
 * of `region`, with ECR's tag rules. Returns the stored image (digest, tags, size, pushedAt).
 */
export function recordImagePush(emulator: Emulator, region: string, push: ImagePush): StoredImage {
  const state = emulator.state<EcrState>('ecr', region)
  return structuredClone(storeImage(state, emulator.clock.now(), push, false).image)
}
