import {DescribeRepositoriesCommand, RepositoryNotFoundException} from '@aws-sdk/client-ecr'

import type {AwsClients} from './clients.js'

/**
 * The repository URI (`<registry>/<name>`) of each named ECR repository that exists; missing
 * ones are left out. One DescribeRepositories call per 100 names, falling back to one call per
 * name when a batch names a missing repository (ECR then fails the whole call).
 */
export async function repositoryUris(clients: AwsClients, names: readonly string[]): Promise<Record<string, string>> {
  const uris: Record<string, string> = {}
  const collect = (repositories: Array<{repositoryName?: string; repositoryUri?: string}> | undefined) => {
    for (const repo of repositories ?? []) if (repo.repositoryName && repo.repositoryUri) uris[repo.repositoryName] = repo.repositoryUri
  }
  for (let i = 0; i < names.length; i += 100) {
    const batch = names.slice(i, i + 100)
    try {
      collect((await clients.ecr.send(new DescribeRepositoriesCommand({repositoryNames: batch}))).repositories)
    } catch (error) {
      if (!(error instanceof RepositoryNotFoundException)) throw error
      for (const name of batch) {
        try {
          collect((await clients.ecr.send(new DescribeRepositoriesCommand({repositoryNames: [name]}))).repositories)
        } catch (inner) {
          if (!(inner instanceof RepositoryNotFoundException)) throw inner
        }
      }
    }
  }
  return uris
}
