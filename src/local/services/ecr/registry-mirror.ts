import type {Handler} from '../../service.js'
import {storeImage} from './record-image.js'
import {ecrOptions, type EcrState} from './state.js'

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ')

/**
 * Brings one repository's images in from the fronted registry: every tag it lists, with the
 * manifest it points at. Images already known are left as they are (ECR keeps pushedAt).
 * Plain HTTP: the fronted registry is a loopback test registry.
 */
export async function mirrorRepository(state: EcrState, repositoryName: string): Promise<void> {
  const registry = ecrOptions(state).registry
  const repo = state.repositories.get(repositoryName)
  if (!registry || !repo) return
  const origin = `http://${registry}`
  const listed = await fetch(`${origin}/v2/${repositoryName}/tags/list`).catch(() => undefined)
  if (!listed?.ok) return
  const {tags} = (await listed.json()) as {tags?: string[] | null}
  for (const tag of tags ?? []) {
    const response = await fetch(`${origin}/v2/${repositoryName}/manifests/${tag}`, {headers: {accept: MANIFEST_ACCEPT}})
    if (!response.ok) continue
    const manifest = await response.text()
    const digest = response.headers.get('docker-content-digest') ?? undefined
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim()
    try {
      storeImage(state, state.emulator.clock.now(), {
        repositoryName,
        manifest,
        tags: [tag],
        ...(digest ? {digest} : {}),
        ...(mediaType ? {mediaType} : {}),
      }, false)
    } catch {
      // A tag ECR holds immutable moved in the registry: ECR would have refused that push; keep ECR's view.
    }
  }
}

/** Wraps an image-reading handler so it first mirrors the repository it names. */
export function mirrored(handler: Handler<EcrState>): Handler<EcrState> {
  return async (input, context) => {
    if (typeof input?.repositoryName === 'string') await mirrorRepository(context.state, input.repositoryName)
    return handler(input, context)
  }
}
