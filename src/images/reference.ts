import {UserError} from '../errors.js'

/** A parsed image reference: `[registry/]repository[:tag][@digest]`. */
export interface ImageReference {
  /** Host (and port) as written, `docker.io` for Docker Hub. */
  registry: string
  repository: string
  tag?: string
  digest?: string
}

const DOCKER_HUB = 'docker.io'

/**
 * Parses a reference with Docker's rules: the first component is a registry only when it has
 * a `.` or `:` or is `localhost`; Docker Hub's official images live under `library/`.
 */
export function parseReference(text: string): ImageReference {
  const match = /^(?<name>[^@]+?)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/.exec(text.trim())
  const name = match?.groups?.name
  if (!match || !name || !/^[a-zA-Z0-9._\-/:[\]]+$/.test(name)) {
    throw new UserError(`"${text}" is not an image reference`, {
      code: 'bad-image-reference',
      hints: ['Write it as [registry/]repository[:tag][@sha256:digest], e.g. python:3.12-slim'],
    })
  }
  const slash = name.indexOf('/')
  const first = slash === -1 ? '' : name.slice(0, slash)
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')
  const registry = hasRegistry ? first : DOCKER_HUB
  let repository = hasRegistry ? name.slice(slash + 1) : name
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`
  const {tag, digest} = match.groups ?? {}
  return {registry, repository, ...(tag ? {tag} : {}), ...(digest ? {digest} : {})}
}

export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/** The API origin: Docker Hub's API host differs from its name; loopback registries speak plain HTTP. */
export function registryOrigin(registry: string): string {
  if (registry === DOCKER_HUB) return 'https://registry-1.docker.io'
  const host = registry.replace(/:\d+$/, '')
  const local = host === 'localhost' || /^127\./.test(host) || host === '[::1]'
  return `${local ? 'http' : 'https'}://${registry}`
}
