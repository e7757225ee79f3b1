import {createHash} from 'node:crypto'

import {registryOrigin} from '../reference.js'
import {basicAuthorization, type CredentialSource, parseChallenge} from './auth.js'
import {isTransient, RegistryError} from './errors.js'

export interface RegistryStats {
  /** HTTP round trips, including auth token fetches and retries. */
  requests: number
  blobUploads: number
  uploadedBytes: number
  mounts: number
}

export interface FetchedManifest {
  mediaType: string
  digest: string
  bytes: Buffer
}

export interface RegistryClientOptions {
  credentials?: CredentialSource
  /** Attempts per request on transient errors (default 4). */
  attempts?: number
  /** Chunk size for chunked uploads; blobs up to this size go up in one PUT (default 16 MiB). */
  chunkSize?: number
}

const sha256 = (data: Uint8Array): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

/**
 * A client of the OCI distribution API for one registry: manifests, blobs (HEAD to skip, mount
 * across repositories, monolithic or chunked uploads), with auth challenges and retries.
 */
export class RegistryClient {
  readonly stats: RegistryStats = {requests: 0, blobUploads: 0, uploadedBytes: 0, mounts: 0}
  private readonly origin: string
  private readonly tokens = new Map<string, string>()
  private basic: string | undefined

  constructor(
    readonly registry: string,
    private readonly options: RegistryClientOptions = {},
  ) {
    this.origin = registryOrigin(registry)
  }

  async getManifest(repository: string, reference: string, accept: readonly string[]): Promise<FetchedManifest> {
    const response = await this.request(repository, 'pull', 'GET', `/v2/${repository}/manifests/${reference}`, {
      headers: {accept: accept.join(', ')},
    })
    if (response.status === 404) throw new RegistryError(`${this.registry}/${repository}:${reference} not found`, 404)
    await this.ensureOk(response, `get manifest ${repository}:${reference}`)
    const bytes = Buffer.from(await response.arrayBuffer())
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim() || JSON.parse(bytes.toString()).mediaType
    return {mediaType, digest: response.headers.get('docker-content-digest') ?? sha256(bytes), bytes}
  }

  /** The digest a tag points at, or undefined when the registry does not have it. */
  async headManifest(repository: string, reference: string, accept: readonly string[]): Promise<string | undefined> {
    const response = await this.request(repository, 'pull', 'HEAD', `/v2/${repository}/manifests/${reference}`, {
      headers: {accept: accept.join(', ')},
    })
    if (response.status === 404) return undefined
    await this.ensureOk(response, `check manifest ${repository}:${reference}`)
    return response.headers.get('docker-content-digest') ?? undefined
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.request(repository, 'pull', 'HEAD', `/v2/${repository}/blobs/${digest}`)
    if (response.status === 404) return false
    await this.ensureOk(response, `check blob ${digest}`)
    return true
  }

  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const response = await this.request(repository, 'pull', 'GET', `/v2/${repository}/blobs/${digest}`)
    if (response.status === 404) throw new RegistryError(`blob ${digest} not found in ${this.registry}/${repository}`, 404)
    await this.ensureOk(response, `get blob ${digest}`)
    const bytes = Buffer.from(await response.arrayBuffer())
    if (sha256(bytes) !== digest) throw new RegistryError(`blob ${digest} from ${this.registry} does not match its digest`)
    return bytes
  }

  /** Cross-repository mount within this registry; false when the registry started an upload instead. */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const response = await this.request(
      repository,
      'push',
      'POST',
      `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
    )
    if (response.status === 201) {
      this.stats.mounts++
      return true
    }
    await this.ensureOk(response, `mount blob ${digest}`)
    // 202: the registry opened an upload session we do not use; cancel it politely.
    const location = response.headers.get('location')
    if (location) await this.request(repository, 'push', 'DELETE', location).catch(() => undefined)
    return false
  }

  async uploadBlob(repository: string, data: Buffer, digest = sha256(data)): Promise<string> {
    const chunkSize = this.options.chunkSize ?? 16 * 1024 * 1024
    const start = await this.request(repository, 'push', 'POST', `/v2/${repository}/blobs/uploads/`)
    await this.ensureOk(start, `start upload to ${repository}`)
    let location = this.requireLocation(start)
    if (data.length > chunkSize) {
      for (let offset = 0; offset < data.length; offset += chunkSize) {
        const chunk = data.subarray(offset, Math.min(offset + chunkSize, data.length))
        const patch = await this.request(repository, 'push', 'PATCH', location, {
          body: chunk,
          headers: {
            'content-type': 'application/octet-stream',
            'content-range': `${offset}-${offset + chunk.length - 1}`,
            'content-length': String(chunk.length),
          },
          retry: false,
        })
        await this.ensureOk(patch, `upload chunk of ${digest}`)
        location = this.requireLocation(patch)
      }
      const done = await this.request(repository, 'push', 'PUT', withDigest(location, digest), {retry: false})
      await this.ensureOk(done, `finish upload of ${digest}`)
    } else {
      const done = await this.request(repository, 'push', 'PUT', withDigest(location, digest), {
        body: data,
        headers: {'content-type': 'application/octet-stream', 'content-length': String(data.length)},
        retry: false,
      })
      await this.ensureOk(done, `upload ${digest}`)
    }
    this.stats.blobUploads++
    this.stats.uploadedBytes += data.length
    return digest
  }

  async putManifest(repository: string, reference: string, mediaType: string, bytes: Buffer): Promise<string> {
    const response = await this.request(repository, 'push', 'PUT', `/v2/${repository}/manifests/${reference}`, {
      body: bytes,
      headers: {'content-type': mediaType},
    })
    await this.ensureOk(response, `put manifest ${repository}:${reference}`)
    return response.headers.get('docker-content-digest') ?? sha256(bytes)
  }

  private requireLocation(response: Response): string {
    const location = response.headers.get('location')
    if (!location) throw new RegistryError(`${this.registry} started an upload without a Location header`)
    return location
  }

  private async ensureOk(response: Response, what: string): Promise<void> {
    if (response.ok) return
    const text = await response.text().catch(() => '')
    const detail = /"message":"([^"]+)"/.exec(text)?.[1] ?? text.slice(0, 200)
    const hints =
      response.status === 401 || response.status === 403
        ? ['Check the registry credentials (for ECR: `aws ecr get-login-password` works with the same profile).']
        : []
    throw new RegistryError(`${this.registry}: could not ${what}: HTTP ${response.status} ${detail}`.trim(), response.status, hints)
  }

  /**
   * One request with auth (answering Basic and Bearer challenges, caching tokens per scope) and
   * retries with backoff on transient errors. Uploads with a body are not retried here: a
   * half-sent upload session cannot be resumed blindly; the caller retries the whole blob.
   */
  private async request(
    repository: string,
    action: 'pull' | 'push',
    method: string,
    pathOrUrl: string,
    init: {headers?: Record<string, string>; body?: Buffer; retry?: boolean} = {},
  ): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.origin}${pathOrUrl}`
    const scope = `repository:${repository}:${action === 'push' ? 'pull,push' : 'pull'}`
    const attempts = init.retry === false ? 1 : (this.options.attempts ?? 4)
    let lastError: unknown
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response: Response
      try {
        response = await this.send(method, url, scope, init)
        if (response.status === 401) {
          const challenge = parseChallenge(response.headers.get('www-authenticate'))
          if (challenge && (await this.authenticate(challenge, scope))) {
            await response.arrayBuffer().catch(() => undefined)
            response = await this.send(method, url, scope, init)
          }
        }
      } catch (error) {
        lastError = error
        if (attempt < attempts) await delay(attempt)
        continue
      }
      if (!isTransient(response.status) || attempt === attempts) return response
      await response.arrayBuffer().catch(() => undefined)
      lastError = new RegistryError(`HTTP ${response.status}`, response.status)
      await delay(attempt)
    }
    const cause = networkCode(lastError) ?? ((lastError as {cause?: Error})?.cause?.message || (lastError as Error)?.message)
    throw new RegistryError(`cannot reach registry ${this.registry} (${cause})`, undefined, [
      `Is ${this.origin} up and reachable from here?`,
    ])
  }

  private send(method: string, url: string, scope: string, init: {headers?: Record<string, string>; body?: Buffer}): Promise<Response> {
    this.stats.requests++
    const authorization = this.tokens.get(scope) ?? this.basic
    return fetch(url, {
      method,
      headers: {...init.headers, ...(authorization ? {authorization} : {})},
      ...(init.body ? {body: init.body} : {}),
      redirect: 'follow',
    })
  }

  private async authenticate(challenge: ReturnType<typeof parseChallenge> & {}, scope: string): Promise<boolean> {
    const credentials = await this.options.credentials?.(this.registry)
    if (challenge.scheme === 'basic') {
      if (!credentials || this.basic) return false
      this.basic = basicAuthorization(credentials)
      return true
    }
    const realm = challenge.params.realm
    if (!realm) return false
    const tokenUrl = new URL(realm)
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service)
    tokenUrl.searchParams.set('scope', challenge.params.scope ?? scope)
    this.stats.requests++
    const response = await fetch(tokenUrl, {headers: credentials ? {authorization: basicAuthorization(credentials)} : {}})
    if (!response.ok) return false
    const body = (await response.json()) as {token?: string; access_token?: string}
    const token = body.token ?? body.access_token
    if (!token) return false
    this.tokens.set(scope, `Bearer ${token}`)
    return true
  }
}

/** fetch wraps the socket error (ECONNREFUSED, ENOTFOUND...) in causes and aggregates. */
function networkCode(error: unknown): string | undefined {
  for (let current = error as {code?: unknown; cause?: unknown; errors?: unknown[]} | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^E[A-Z]+$/.test(current.code)) return current.code
    current = (current.cause ?? current.errors?.[0]) as typeof current
  }
  return undefined
}

function withDigest(location: string, digest: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`
}

function delay(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)))
}
