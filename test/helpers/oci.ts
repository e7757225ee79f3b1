import {createHash} from 'node:crypto'
import pako from 'pako'
import tar from 'tar-stream'

import {tarEntries} from '../../src/images/layer.js'
import {type ImageConfig, type ImageManifest, MANIFEST_ACCEPT, MediaType} from '../../src/images/media-types.js'
import {RegistryClient} from '../../src/images/registry/client.js'

const digest = (data: Uint8Array): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

/**
 * Pushes a tiny multi-platform base image (an OCI index with linux/amd64 and linux/arm64), built
 * here from scratch: one layer with /etc/passwd and /bin/hello, Env PATH, Cmd ["sh"].
 */
export async function pushBaseImage(
  host: string,
  repository = 'base',
  tag = '1',
  credentials?: {username: string; password: string},
): Promise<{indexDigest: string}> {
  const client = new RegistryClient(host, credentials ? {credentials: async () => credentials} : {})
  const descriptors = []
  for (const architecture of ['amd64', 'arm64']) {
    const layerTar = await tarEntries([
      {path: 'etc', type: 'directory', mode: 0o755, uid: 0, gid: 0},
      {path: 'etc/passwd', type: 'file', mode: 0o644, uid: 0, gid: 0, content: Buffer.from('root:x:0:0::/root:/bin/sh\n')},
      {path: 'bin', type: 'directory', mode: 0o755, uid: 0, gid: 0},
      {path: 'bin/hello', type: 'file', mode: 0o755, uid: 0, gid: 0, content: Buffer.from(`#!/bin/sh\necho ${architecture}\n`)},
    ])
    const layer = Buffer.from(pako.gzip(layerTar))
    const config: ImageConfig = {
      architecture,
      os: 'linux',
      config: {Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'LANG=C.UTF-8'], Cmd: ['sh']},
      rootfs: {type: 'layers', diff_ids: [digest(layerTar)]},
      history: [{created: '2020-01-01T00:00:00Z', created_by: 'test base'}],
    }
    const configBytes = Buffer.from(JSON.stringify(config))
    await client.uploadBlob(repository, layer)
    await client.uploadBlob(repository, configBytes)
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: {mediaType: MediaType.ociConfig, digest: digest(configBytes), size: configBytes.length},
      layers: [{mediaType: MediaType.ociLayerGzip, digest: digest(layer), size: layer.length}],
    }
    const bytes = Buffer.from(JSON.stringify(manifest))
    const manifestDigest = await client.putManifest(repository, digest(bytes), MediaType.ociManifest, bytes)
    descriptors.push({mediaType: MediaType.ociManifest, digest: manifestDigest, size: bytes.length, platform: {os: 'linux', architecture}})
  }
  const index = Buffer.from(JSON.stringify({schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: descriptors}))
  const indexDigest = await client.putManifest(repository, tag, MediaType.ociIndex, index)
  return {indexDigest}
}

export interface PulledFile {
  path: string
  type: string
  mode: number
  uid: number
  gid: number
  content: string
}

/** Pulls an image back: its manifest, config and every file of every layer (later layers win). */
export async function pullImage(host: string, repository: string, reference: string) {
  const client = new RegistryClient(host)
  const fetched = await client.getManifest(repository, reference, MANIFEST_ACCEPT)
  const manifest = JSON.parse(fetched.bytes.toString()) as ImageManifest
  const config = JSON.parse((await client.getBlob(repository, manifest.config.digest)).toString()) as ImageConfig
  const files = new Map<string, PulledFile>()
  for (const layer of manifest.layers) {
    const tarball = Buffer.from(pako.ungzip(await client.getBlob(repository, layer.digest)))
    const extract = tar.extract()
    const done = new Promise<void>((resolve, reject) => {
      extract.on('entry', (header, stream, next) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer))
        stream.on('end', () => {
          const path = header.name.replace(/\/$/, '')
          files.set(path, {
            path,
            type: header.type ?? 'file',
            mode: header.mode ?? 0,
            uid: header.uid ?? 0,
            gid: header.gid ?? 0,
            content: Buffer.concat(chunks).toString(),
          })
          next()
        })
        stream.resume()
      })
      extract.on('finish', resolve)
      extract.on('error', reject)
    })
    extract.end(tarball)
    await done
  }
  return {manifest, mediaType: fetched.mediaType, digest: fetched.digest, config, files}
}
