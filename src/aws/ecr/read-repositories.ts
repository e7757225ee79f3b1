import {
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  ListTagsForResourceCommand,
  type ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr'

import type {SnapshotQuery} from '../../apply/adapter.js'
import {isOwnedBy, type AnyLiveResource, type RepositorySpec} from '../../model/index.js'
import {pages} from '../pages.js'

/**
 * The live snapshot of ECR repositories. DescribeRepositories carries no tags, so tags are read
 * (ListTagsForResource) only for candidates: wanted names, or names starting with the project
 * prefix (batchctl names repositories `<project>-…` unless batch.yaml names them). Lifecycle
 * policies are read (GetLifecyclePolicy) only for repositories the project owns; an unowned
 * repository with a wanted name is reported for the planner's conflict check, nothing more.
 */
export async function readRepositories(ecr: ECRClient, query: SnapshotQuery): Promise<AnyLiveResource[]> {
  const wanted = new Set(query.wanted['ecr.repository'] ?? [])
  const prefix = `${query.project.toLowerCase()}-`
  const all = await pages(async (nextToken) => {
    const out = await ecr.send(new DescribeRepositoriesCommand({nextToken}))
    return {items: out.repositories ?? [], nextToken: out.nextToken}
  })
  const candidates = all.filter((r) => r.repositoryName !== undefined && (wanted.has(r.repositoryName) || r.repositoryName.startsWith(prefix)))
  const read = await Promise.all(
    candidates.map(async (repo): Promise<AnyLiveResource | undefined> => {
      const name = repo.repositoryName!
      const arn = repo.repositoryArn ?? ''
      const tagged = await ecr.send(new ListTagsForResourceCommand({resourceArn: arn}))
      const tags = Object.fromEntries((tagged.tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
      const owned = isOwnedBy(tags, query.project, query.env)
      if (!owned && !wanted.has(name)) return undefined
      const lifecyclePolicy = owned ? await lifecyclePolicyOf(ecr, name) : undefined
      return {kind: 'ecr.repository', physicalName: name, service: 'ecr', arn, spec: repositorySpec(repo, lifecyclePolicy), tags}
    }),
  )
  return read.filter((r): r is AnyLiveResource => r !== undefined)
}

async function lifecyclePolicyOf(ecr: ECRClient, name: string): Promise<string | undefined> {
  try {
    const out = await ecr.send(new GetLifecyclePolicyCommand({repositoryName: name}))
    return out.lifecyclePolicyText
  } catch (error) {
    if ((error as {name?: string}).name === 'LifecyclePolicyNotFoundException') return undefined
    throw error
  }
}

/** DescribeRepositories output → RepositorySpec; the lifecycle policy is parsed from its JSON text. */
export function repositorySpec(repo: Repository, lifecyclePolicyText: string | undefined): RepositorySpec {
  const spec: RepositorySpec = {
    imageTagMutability: repo.imageTagMutability as RepositorySpec['imageTagMutability'],
    imageScanningConfiguration: {scanOnPush: repo.imageScanningConfiguration?.scanOnPush ?? false},
  }
  const enc = repo.encryptionConfiguration
  if (enc?.encryptionType !== undefined) {
    spec.encryptionConfiguration = {encryptionType: enc.encryptionType as 'AES256' | 'KMS', ...(enc.kmsKey === undefined ? {} : {kmsKey: enc.kmsKey})}
  }
  if (lifecyclePolicyText !== undefined) spec.lifecyclePolicy = JSON.parse(lifecyclePolicyText) as unknown
  return spec
}
