import type {DockerImage, LayeredImage} from '../config/types.generated.js'

/** An `images:` entry: a Docker build or a daemonless layered image. */
export type Image = DockerImage | LayeredImage
import {UserError} from '../errors.js'
import {buildAndPush, contentTag, type PushProgress} from './daemonless.js'
import {dockerContentTag, readDockerContext} from './docker-context.js'
import {dockerCommands, metadataPath, pushedDigest, runDocker} from './docker-driver.js'
import {MANIFEST_ACCEPT} from './media-types.js'
import {parseReference} from './reference.js'
import type {CredentialSource} from './registry/auth.js'
import {RegistryClient} from './registry/client.js'

export const isDaemonless = (image: Image): image is LayeredImage => 'base' in image

export interface ImageBuilderOptions {
  /** Folder batch.yaml lives in: contexts and files are relative to it. */
  baseDir: string
  credentials?: CredentialSource
  onProgress?: (key: string, event: PushProgress | {type: 'docker'; line: string}) => void
  /** The docker binary (tests point it elsewhere). */
  docker?: string
}

export interface BuiltImage {
  key: string
  /** `registry/repository@sha256:...` */
  uri: string
  digest: string
  tag: string
  skipped: boolean
}

/**
 * Builds and pushes job images on demand, once each, and tells what an image's content tag is
 * before building (so `plan` can see whether the registry already has it).
 */
export class ImageBuilder {
  private readonly clients = new Map<string, RegistryClient>()
  private readonly builds = new Map<string, Promise<BuiltImage>>()

  constructor(private readonly options: ImageBuilderOptions) {}

  private client(registry: string): RegistryClient {
    let client = this.clients.get(registry)
    if (!client) {
      client = new RegistryClient(registry, this.options.credentials ? {credentials: this.options.credentials} : {})
      this.clients.set(registry, client)
    }
    return client
  }

  /** The digest a reference resolves to now (a HEAD on its registry). */
  private async resolveDigest(reference: string): Promise<string> {
    const ref = parseReference(reference)
    if (ref.digest) return ref.digest
    const digest = await this.client(ref.registry).headManifest(ref.repository, ref.tag ?? 'latest', MANIFEST_ACCEPT)
    if (!digest) throw new UserError(`base image ${reference} not found`, {code: 'image-missing-base'})
    return digest
  }

  /** The content tag of an image: a hash of everything that decides its bytes. */
  async contentTag(image: Image): Promise<string> {
    if (isDaemonless(image)) return contentTag(image, await this.resolveDigest(image.base), this.options.baseDir)
    const context = readDockerContext(image, this.options.baseDir)
    const bases: Record<string, string> = {}
    for (const base of context.baseImages) bases[base] = await this.resolveDigest(base)
    return dockerContentTag(image, context, bases)
  }

  /** `repository@digest` when the repository already holds this content, else undefined. */
  async existing(image: Image, repositoryUri: string): Promise<{uri: string; digest: string; tag: string} | undefined> {
    const tag = await this.contentTag(image)
    const ref = parseReference(repositoryUri)
    const digest = await this.client(ref.registry).headManifest(ref.repository, tag, MANIFEST_ACCEPT)
    return digest ? {uri: `${repositoryUri}@${digest}`, digest, tag} : undefined
  }

  /** Builds and pushes an image once per process, however many job definitions wait for it. */
  ensure(key: string, image: Image, repositoryUri: string): Promise<BuiltImage> {
    let build = this.builds.get(key)
    if (!build) {
      build = this.build(key, image, repositoryUri)
      this.builds.set(key, build)
    }
    return build
  }

  private async build(key: string, image: Image, repositoryUri: string): Promise<BuiltImage> {
    if (isDaemonless(image)) {
      const result = await buildAndPush({
        spec: image,
        baseDir: this.options.baseDir,
        target: repositoryUri,
        clients: this.clients,
        ...(this.options.credentials ? {credentials: this.options.credentials} : {}),
        onProgress: (event) => this.options.onProgress?.(key, event),
      })
      return {key, uri: result.imageUri, digest: result.digest, tag: result.tag, skipped: result.skipped}
    }
    return this.dockerBuild(key, image, repositoryUri)
  }

  private async dockerBuild(key: string, image: DockerImage, repositoryUri: string): Promise<BuiltImage> {
    const found = await this.existing(image, repositoryUri)
    if (found) return {key, ...found, skipped: true}
    const tag = await this.contentTag(image)
    const context = readDockerContext(image, this.options.baseDir)
    const registry = parseReference(repositoryUri).registry
    const credentials = await this.options.credentials?.(registry)
    const metadataFile = metadataPath()
    let output = ''
    for (const command of dockerCommands({
      spec: image,
      contextDir: context.contextDir,
      dockerfile: context.dockerfile,
      imageRef: `${repositoryUri}:${tag}`,
      registry,
      metadataFile,
      ...(credentials ? {credentials} : {}),
    })) {
      output += await runDocker(command, (line) => this.options.onProgress?.(key, {type: 'docker', line}), this.options.docker)
    }
    const digest = pushedDigest(metadataFile, output)
    if (!digest) throw new UserError(`docker pushed ${repositoryUri}:${tag} but reported no digest`, {code: 'docker-no-digest'})
    return {key, uri: `${repositoryUri}@${digest}`, digest, tag, skipped: false}
  }
}
