import {createHash} from 'node:crypto'
import pLimit from 'p-limit'

import type {LayeredImage} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import {deriveConfig} from './image-config.js'
import {buildLayer, hashSource} from './layer.js'
import {
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
  isIndex,
  MANIFEST_ACCEPT,
  MediaType,
} from './media-types.js'
import {parseReference} from './reference.js'
import type {CredentialSource} from './registry/auth.js'
import {RegistryClient} from './registry/client.js'

export type PushProgress =
  | {type: 'resolved'; base: string; baseDigest: string; tag: string}
  | {type: 'skipped'; digest: string}
  | {type: 'layer-built'; src: string; digest: string; bytes: number}
  | {type: 'blob'; digest: string; bytes: number; action: 'exists' | 'mounted' | 'uploaded' | 'copied'}
  | {type: 'pushed'; digest: string}

export interface DaemonlessPushOptions {
  spec: LayeredImage
  /** Folder that `files[].src` is relative to (batch.yaml's). */
  baseDir: string
  /** Target `registry/repository`, e.g. `<account>.dkr.ecr.<region>.amazonaws.com/genomics-worker`. */
  target: string
  credentials?: CredentialSource
  /** Parallel blob uploads (default 4). */
  concurrency?: number
  onProgress?: (event: PushProgress) => void
  /** Reuse clients (and their tokens and stats) across pushes. */
  clients?: Map<string, RegistryClient>
}

export interface PushResult {
  /** `registry/repository@sha256:...`: what a job definition should reference. */
  imageUri: string
  digest: string
  /** The content-hash tag the image is pushed under. */
  tag: string
  /** True when the registry already had this content: nothing was built or uploaded. */
  skipped: boolean
  uploadedBlobs: number
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * The content hash of a daemonless image: everything that decides its bytes (base digest,
 * platform, config fields and each file's path, mode, owner and content). It names the tag, so
 * an unchanged image is recognised with one HEAD and never rebuilt.
 */
export function contentTag(spec: LayeredImage, baseDigest: string, baseDir: string): string {
  const inputs = {
    v: 1,
    base: baseDigest,
    platform: spec.platform ?? 'linux/amd64',
    env: spec.env ?? null,
    entrypoint: spec.entrypoint ?? null,
    command: spec.command ?? null,
    workdir: spec.workdir ?? null,
    user: spec.user ?? null,
    labels: spec.labels ?? null,
    files: (spec.files ?? []).map((file) => ({dest: file.dest, hash: hashSource(file, baseDir)})),
  }
  return `batchctl-${sha256Hex(JSON.stringify(inputs)).slice(0, 40)}`
}

function clientFor(options: DaemonlessPushOptions, registry: string): RegistryClient {
  const clients = options.clients ?? (options.clients = new Map())
  let client = clients.get(registry)
  if (!client) {
    client = new RegistryClient(registry, options.credentials ? {credentials: options.credentials} : {})
    clients.set(registry, client)
  }
  return client
}

function pickPlatform(index: ImageIndex, platform: string): Descriptor {
  const [os, architecture, variant] = platform.split('/')
  const match = index.manifests.find(
    (m) => m.platform?.os === os && m.platform?.architecture === architecture && (!variant || m.platform?.variant === variant),
  )
  if (!match) {
    const available = index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).join(', ')
    throw new UserError(`the base image has no ${platform} variant (it has ${available || 'none'})`, {code: 'image-platform'})
  }
  return match
}

/** Builds a daemonless image on its base and pushes it, skipping everything the registry has. */
export async function buildAndPush(options: DaemonlessPushOptions): Promise<PushResult> {
  const {spec, onProgress} = options
  const platform = spec.platform ?? 'linux/amd64'
  const base = parseReference(spec.base)
  const target = parseReference(options.target)
  if (target.tag || target.digest) throw new UserError(`push target ${options.target} must be a repository without tag or digest`)
  const baseClient = clientFor(options, base.registry)
  const targetClient = clientFor(options, target.registry)

  const baseReference = base.digest ?? base.tag ?? 'latest'
  const baseDigest =
    base.digest ??
    (await baseClient.headManifest(base.repository, baseReference, MANIFEST_ACCEPT)) ??
    (await baseClient.getManifest(base.repository, baseReference, MANIFEST_ACCEPT)).digest
  const tag = contentTag(spec, baseDigest, options.baseDir)
  onProgress?.({type: 'resolved', base: spec.base, baseDigest, tag})

  const existing = await targetClient.headManifest(target.repository, tag, MANIFEST_ACCEPT)
  if (existing) {
    onProgress?.({type: 'skipped', digest: existing})
    return {imageUri: `${target.registry}/${target.repository}@${existing}`, digest: existing, tag, skipped: true, uploadedBlobs: 0}
  }

  // Base manifest for the platform, and its config.
  let baseManifest = await baseClient.getManifest(base.repository, baseDigest, MANIFEST_ACCEPT)
  if (isIndex(baseManifest.mediaType)) {
    const chosen = pickPlatform(JSON.parse(baseManifest.bytes.toString()) as ImageIndex, platform)
    baseManifest = await baseClient.getManifest(base.repository, chosen.digest, MANIFEST_ACCEPT)
  }
  const manifest = JSON.parse(baseManifest.bytes.toString()) as ImageManifest
  const oci = (manifest.mediaType ?? baseManifest.mediaType) === MediaType.ociManifest
  const baseConfig = JSON.parse((await baseClient.getBlob(base.repository, manifest.config.digest)).toString()) as ImageConfig

  const layers = []
  for (const file of spec.files ?? []) {
    const layer = await buildLayer(file, options.baseDir)
    onProgress?.({type: 'layer-built', src: file.src, digest: layer.digest, bytes: layer.blob.length})
    layers.push({...layer, createdBy: `batchctl: files ${file.src} -> ${file.dest}`})
  }
  const config = deriveConfig(baseConfig, spec, layers)
  const configBytes = Buffer.from(JSON.stringify(config))
  const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`
  const layerType = oci ? MediaType.ociLayerGzip : MediaType.dockerLayerGzip
  const newManifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: oci ? MediaType.ociManifest : MediaType.dockerManifest,
    config: {mediaType: oci ? MediaType.ociConfig : MediaType.dockerConfig, digest: configDigest, size: configBytes.length},
    layers: [
      ...manifest.layers,
      ...layers.map((layer) => ({mediaType: layerType, digest: layer.digest, size: layer.blob.length})),
    ],
  }

  // Blobs: skip what the target has; mount base layers within one registry; copy across registries.
  const limit = pLimit(options.concurrency ?? 4)
  let uploadedBlobs = 0
  const sameRegistry = base.registry === target.registry
  const pushBlob = async (digest: string, size: number, data: (() => Promise<Buffer>) | undefined, fromBase: boolean) => {
    if (await targetClient.hasBlob(target.repository, digest)) {
      onProgress?.({type: 'blob', digest, bytes: size, action: 'exists'})
      return
    }
    if (fromBase && sameRegistry && (await targetClient.mountBlob(target.repository, digest, base.repository))) {
      onProgress?.({type: 'blob', digest, bytes: size, action: 'mounted'})
      return
    }
    const bytes = data ? await data() : await baseClient.getBlob(base.repository, digest)
    await targetClient.uploadBlob(target.repository, bytes, digest)
    uploadedBlobs++
    onProgress?.({type: 'blob', digest, bytes: size, action: fromBase ? 'copied' : 'uploaded'})
  }
  await Promise.all([
    ...manifest.layers.map((layer) => limit(() => pushBlob(layer.digest, layer.size, undefined, true))),
    ...layers.map((layer) => limit(() => pushBlob(layer.digest, layer.blob.length, async () => layer.blob, false))),
    limit(() => pushBlob(configDigest, configBytes.length, async () => configBytes, false)),
  ])
  const manifestBytes = Buffer.from(JSON.stringify(newManifest))
  const digest = await targetClient.putManifest(target.repository, tag, newManifest.mediaType!, manifestBytes)
  onProgress?.({type: 'pushed', digest})
  return {imageUri: `${target.registry}/${target.repository}@${digest}`, digest, tag, skipped: false, uploadedBlobs}
}
