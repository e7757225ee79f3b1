import type {Emulator} from '../../emulator.js'

/** An image manifest stored in a repository: by digest, with the tags that point at it. */
export interface StoredImage {
  digest: string
  tags: string[]
  manifest: string
  mediaType: string
  artifactMediaType?: string
  sizeInBytes: number
  /** Epoch milliseconds. */
  pushedAt: number
}

export interface TagMutabilityExclusionFilter {
  filterType: string
  filter: string
}

export interface Repository {
  name: string
  /** Epoch milliseconds. */
  createdAt: number
  imageTagMutability: string
  imageTagMutabilityExclusionFilters?: TagMutabilityExclusionFilter[]
  scanOnPush: boolean
  encryption: {encryptionType: string; kmsKey?: string}
  /** ECR tags are a list of `{Key, Value}`, kept in the order they were added. */
  tags: Array<{Key: string; Value: string}>
  lifecyclePolicy?: {text: string; lastEvaluatedAt?: number}
  images: Map<string, StoredImage>
}

/** ECR state of one region. */
export interface EcrState {
  region: string
  accountId: string
  emulator: Emulator
  repositories: Map<string, Repository>
}

export function createEcrState(init: {region: string; accountId: string; emulator: Emulator}): EcrState {
  return {...init, repositories: new Map()}
}

export function repositoryArn(state: EcrState, name: string): string {
  return `arn:aws:ecr:${state.region}:${state.accountId}:repository/${name}`
}

/** Emulator options for ECR (`new Emulator({services: {ecr: {...}}})`). */
export interface EcrOptions {
  /**
   * A real OCI registry (`127.0.0.1:5000`) standing in for ECR's: repository URIs and the
   * authorization token's proxyEndpoint point at it, and DescribeImages / ListImages /
   * BatchGetImage reflect what was pushed to it.
   */
  registry?: string
}

export function ecrOptions(state: EcrState): EcrOptions {
  return (state.emulator.options.services?.ecr as EcrOptions | undefined) ?? {}
}

/** `<account>.dkr.ecr.<region>.amazonaws.com` — the registry host of repository URIs (or the fronted registry). */
export function registryHost(state: EcrState): string {
  return ecrOptions(state).registry ?? `${state.accountId}.dkr.ecr.${state.region}.amazonaws.com`
}

export function saveEcrState(state: EcrState): unknown {
  return [...state.repositories.values()].map((repo) => ({...repo, images: [...repo.images.values()]}))
}

export function restoreEcrState(state: EcrState, saved: unknown): void {
  state.repositories.clear()
  for (const repo of (saved ?? []) as Array<Omit<Repository, 'images'> & {images: StoredImage[]}>) {
    state.repositories.set(repo.name, {...repo, images: new Map(repo.images.map((image) => [image.digest, image]))})
  }
}
