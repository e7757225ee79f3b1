import type {ServiceAdapter, StepContext} from '../apply/adapter.js'
import {repositoryUris} from '../aws/ecr-repositories.js'
import type {AwsClients} from '../aws/clients.js'
import type {BatchConfig} from '../config/types.generated.js'
import {imageRepositoryNames, unresolvedImageKey} from '../desired/index.js'
import type {ImageBuilder} from '../images/image-builder.js'
import {specHash, TAG_SPEC_HASH} from '../model/index.js'
import type {Step} from '../plan/index.js'
import {UserError} from '../errors.js'

export interface ImageContext {
  config: BatchConfig
  env?: string
  /** Talking to the emulator: its ECR needs a real registry to push to. */
  local?: boolean
  clients: AwsClients
  builder: ImageBuilder
}

/**
 * The URI of every image whose repository already holds its current content (`repo@digest`):
 * plan then compares job definitions against real digests. Images not found stay unresolved
 * ("known after build") and are built by apply.
 */
export async function resolveImageUris(ctx: ImageContext): Promise<Record<string, string>> {
  const keys = Object.keys(ctx.config.images ?? {})
  if (keys.length === 0) return {}
  const names = imageRepositoryNames(ctx.config, ctx.env, keys)
  const uris = await repositoryUris(ctx.clients, Object.values(names))
  const resolved: Record<string, string> = {}
  await Promise.all(
    keys.map(async (key) => {
      const repositoryUri = uris[names[key]!]
      // The emulator without a registry has nothing to look in: the image stays "known after build".
      if (!repositoryUri || (ctx.local && repositoryUri.includes('.amazonaws.com/'))) return
      const image = ctx.config.images?.[key]
      if (!image) return
      const found = await ctx.builder.existing(image, repositoryUri)
      if (found) resolved[key] = found.uri
    }),
  )
  return resolved
}

/** Replaces every "known after build" image in a value with what `uriOf` gives for its key. */
async function fillImages(value: unknown, uriOf: (key: string) => Promise<string>): Promise<unknown> {
  if (typeof value === 'string') {
    const key = unresolvedImageKey(value)
    return key === undefined ? value : uriOf(key)
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => fillImages(item, uriOf)))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = await fillImages(v, uriOf)
    return out
  }
  return value
}

/**
 * Wraps the job-definition adapter so that registering a revision whose image is "known after
 * build" first builds and pushes that image (once, however many definitions use it) and
 * registers the pushed `repository@digest` — the plan said the image would be built; its
 * repository exists by then (job definitions depend on it in the plan).
 */
export function withImageBuilds(adapters: readonly ServiceAdapter[], ctx: ImageContext): ServiceAdapter[] {
  const names = imageRepositoryNames(ctx.config, ctx.env, Object.keys(ctx.config.images ?? {}))
  return adapters.map((adapter) => {
    if (!adapter.kinds.includes('batch.jobDefinition')) return adapter
    const wrapped: ServiceAdapter = {
      kinds: adapter.kinds,
      read: (query) => adapter.read(query),
      async execute(step: Step, context: StepContext) {
        const change = context.change
        if (step.kind !== 'batch.jobDefinition' || change.action === 'delete' || !JSON.stringify(change.desired.spec).includes('known after build)')) {
          return adapter.execute(step, context)
        }
        const uriOf = async (key: string): Promise<string> => {
          const name = names[key]
          if (name === undefined) throw new Error(`no image ${key} in batch.yaml`)
          context.progress({type: 'waiting', for: `image ${key} (build and push)`})
          const repositoryUri = (await repositoryUris(ctx.clients, [name]))[name]
          if (!repositoryUri) throw new Error(`ECR repository ${name} for image ${key} does not exist`)
          if (ctx.local && repositoryUri.includes('.amazonaws.com/')) {
            throw new UserError(`image ${key}: the local emulator has no registry to push to`, {
              code: 'local-no-registry',
              hints: ['run a registry (e.g. Debian\'s docker-registry) and start the emulator with `batchctl local start --registry 127.0.0.1:5000`, or set BATCHCTL_LOCAL_REGISTRY'],
            })
          }
          const image = ctx.config.images?.[key]
          if (!image) throw new Error(`no image ${key} in batch.yaml`)
          return (await ctx.builder.ensure(key, image, repositoryUri)).uri
        }
        const spec = await fillImages(change.desired.spec, uriOf)
        const hash = specHash(spec)
        const tags = {...change.tags, [TAG_SPEC_HASH]: hash}
        return adapter.execute(step, {...context, change: {...change, desired: {...change.desired, spec} as typeof change.desired, tags, specHash: hash}})
      },
    }
    return wrapped
  })
}
