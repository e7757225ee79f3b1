import {repositoryUris} from '../aws/ecr-repositories.js'
import {imageRepositoryNames} from '../desired/index.js'
import {UserError} from '../errors.js'
import type {BuiltImage} from '../images/image-builder.js'
import type {ImageContext} from './images.js'

/**
 * `batchctl build`: builds and pushes the named images (all when none are named) to their
 * project-owned ECR repositories, skipping what the registry already has.
 */
export async function buildImages(ctx: ImageContext, keys: readonly string[]): Promise<BuiltImage[]> {
  const all = Object.keys(ctx.config.images ?? {})
  const wanted = keys.length > 0 ? [...keys] : all
  const unknown = wanted.filter((key) => !all.includes(key))
  if (unknown.length > 0) {
    throw new UserError(`no image ${unknown.join(', ')} in batch.yaml`, {code: 'unknown-image', hints: [`images: ${all.join(', ') || '(none)'}`]})
  }
  const names = imageRepositoryNames(ctx.config, ctx.env, wanted)
  const uris = await repositoryUris(ctx.clients, Object.values(names))
  const missing = wanted.filter((key) => !uris[names[key]!])
  if (missing.length > 0) {
    throw new UserError(`the ECR repositor${missing.length === 1 ? 'y' : 'ies'} for ${missing.join(', ')} do${missing.length === 1 ? 'es' : ''} not exist yet`, {
      code: 'missing-repository',
      hints: [`create ${missing.length === 1 ? 'it' : 'them'} with \`batchctl apply ${missing.map((key) => `--target ecr.repository/${key}`).join(' ')}\` (or a full apply, which also builds)`],
    })
  }
  const built: BuiltImage[] = []
  for (const key of wanted) built.push(await ctx.builder.ensure(key, ctx.config.images![key]!, uris[names[key]!]!))
  return built
}
