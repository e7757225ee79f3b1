import type {BatchConfig} from '../config/types.generated.js'
import type {Resource, RepositorySpec} from '../model/index.js'
import {compact, type DesiredContext, entries, nameOf, stringMap} from './context.js'

/** The ECR repository name of an image: as declared, else its physical name in lower case. */
export function repositoryName(ctx: DesiredContext, key: string): string {
  const image = ctx.config.images?.[key]
  return image?.repository?.name ?? nameOf(ctx, key).toLowerCase()
}

/**
 * The ECR repository name of each image key, for callers that have a config but no desired
 * model (resolving, building and pushing images): the same names `repositories` gives the
 * ecr.repository resources, so build pushes where apply created.
 */
export function imageRepositoryNames(config: BatchConfig, env: string | undefined, keys: readonly string[]): Record<string, string> {
  const ctx: DesiredContext = {config, project: config.project, ...(env ? {env} : {}), imageUris: {}}
  return Object.fromEntries(keys.map((key) => [key, repositoryName(ctx, key)]))
}

/** An ECR lifecycle policy that expires untagged images beyond the newest `keep`. */
export function keepUntaggedPolicy(keep: number): unknown {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `batchctl: keep the newest ${keep} untagged images`,
        selection: {tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: keep},
        action: {type: 'expire'},
      },
    ],
  }
}

/** `images:` → ecr.repository resources, one per image. */
export function repositories(ctx: DesiredContext): Array<Resource<'ecr.repository'>> {
  return entries(ctx.config.images).map(([key, image]) => {
    const settings = image.repository ?? {}
    const spec: RepositorySpec = compact({
      imageTagMutability: settings.tagMutability ?? 'MUTABLE',
      imageScanningConfiguration: {scanOnPush: settings.scanOnPush ?? true},
      lifecyclePolicy: settings.lifecycle?.keepUntagged ? keepUntaggedPolicy(settings.lifecycle.keepUntagged) : undefined,
    })
    return {
      kind: 'ecr.repository',
      logicalName: key,
      physicalName: repositoryName(ctx, key),
      service: 'ecr',
      spec,
      dependsOn: [],
      tags: stringMap(ctx.config.tags) ?? {},
    }
  })
}
