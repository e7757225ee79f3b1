import {randomUUID} from 'node:crypto'

import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {checkRegistryId, checkRepositoryName, invalidParameter, page, repositoryNotFound, requireRepository, seconds} from './lookup.js'
import {type EcrState, registryHost, type Repository, repositoryArn} from './state.js'
import {checkTags} from './tags.js'

// AWS: CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability,
// PutImageScanningConfiguration — Amazon ECR API Reference
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html).

export const TAG_MUTABILITY = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION']
const ENCRYPTION_TYPES = ['AES256', 'KMS', 'KMS_DSSE']

/** A repository as the API returns it. */
export function describeRepository(state: EcrState, repo: Repository): Record<string, unknown> {
  return {
    repositoryArn: repositoryArn(state, repo.name),
    registryId: state.accountId,
    repositoryName: repo.name,
    repositoryUri: `${registryHost(state)}/${repo.name}`,
    createdAt: seconds(repo.createdAt),
    imageTagMutability: repo.imageTagMutability,
    ...(repo.imageTagMutabilityExclusionFilters ? {imageTagMutabilityExclusionFilters: repo.imageTagMutabilityExclusionFilters} : {}),
    imageScanningConfiguration: {scanOnPush: repo.scanOnPush},
    encryptionConfiguration: repo.encryption,
  }
}

/** Checks a tag mutability setting and its exclusion filters (required with the *_WITH_EXCLUSION kinds). */
function checkMutability(mutability: unknown, filters: unknown): void {
  new Constraints('ecr')
    .oneOf('imageTagMutability', mutability, TAG_MUTABILITY)
    .list('imageTagMutabilityExclusionFilters', filters, {min: 1, max: 5})
    .check()
  const withExclusion = typeof mutability === 'string' && mutability.endsWith('_WITH_EXCLUSION')
  if (withExclusion && !filters) {
    throw invalidParameter(`imageTagMutabilityExclusionFilters must be specified when imageTagMutability is ${mutability}`)
  }
  if (!withExclusion && filters) {
    throw invalidParameter('imageTagMutabilityExclusionFilters can only be specified with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION')
  }
  for (const filter of (filters ?? []) as Array<{filterType?: unknown; filter?: unknown}>) {
    new Constraints('ecr')
      .oneOf('imageTagMutabilityExclusionFilters.member.filterType', filter.filterType, ['WILDCARD'])
      .required('imageTagMutabilityExclusionFilters.member.filter', filter.filter)
      .string('imageTagMutabilityExclusionFilters.member.filter', filter.filter, {min: 1, max: 128, pattern: /[0-9a-zA-Z._*-]{1,128}/})
      .check()
  }
}

const createRepository: Handler<EcrState> = (input, {state, clock}) => {
  const {repositoryName, registryId, tags, imageTagMutability, imageTagMutabilityExclusionFilters, imageScanningConfiguration, encryptionConfiguration} =
    input
  checkRepositoryName(repositoryName)
  checkRegistryId(state, registryId)
  if (registryId !== undefined && registryId !== state.accountId) {
    throw invalidParameter(`Invalid parameter at 'registryId' failed to satisfy constraint: 'must be the caller's account id'`)
  }
  checkTags(tags)
  checkMutability(imageTagMutability, imageTagMutabilityExclusionFilters)
  const encryptionType = encryptionConfiguration?.encryptionType
  new Constraints('ecr')
    .oneOf('encryptionConfiguration.encryptionType', encryptionType, ENCRYPTION_TYPES)
    .string('encryptionConfiguration.kmsKey', encryptionConfiguration?.kmsKey, {min: 1, max: 2048})
    .check()
  if (encryptionConfiguration && encryptionType === undefined) {
    new Constraints('ecr').required('encryptionConfiguration.encryptionType', undefined).check()
  }
  if (encryptionType === 'AES256' && encryptionConfiguration?.kmsKey) {
    throw invalidParameter('Invalid parameter: kmsKey can only be specified when encryptionType is KMS or KMS_DSSE')
  }
  if (state.repositories.has(repositoryName)) {
    throw new AwsError(
      'RepositoryAlreadyExistsException',
      `The repository with name '${repositoryName}' already exists in the registry with id '${state.accountId}'`,
      400,
    )
  }
  // Without a key, KMS encryption uses the AWS managed key for ECR (alias aws/ecr).
  const encryption =
    encryptionType === 'KMS' || encryptionType === 'KMS_DSSE'
      ? {encryptionType, kmsKey: encryptionConfiguration.kmsKey ?? `arn:aws:kms:${state.region}:${state.accountId}:key/${randomUUID()}`}
      : {encryptionType: 'AES256'}
  const repo: Repository = {
    name: repositoryName,
    createdAt: clock.now(),
    imageTagMutability: imageTagMutability ?? 'MUTABLE',
    ...(imageTagMutabilityExclusionFilters ? {imageTagMutabilityExclusionFilters} : {}),
    scanOnPush: imageScanningConfiguration?.scanOnPush === true,
    encryption,
    tags: [...(tags ?? [])],
    images: new Map(),
  }
  state.repositories.set(repositoryName, repo)
  return {repository: describeRepository(state, repo)}
}

const describeRepositories: Handler<EcrState> = (input, {state}) => {
  const {repositoryNames, registryId, nextToken, maxResults} = input
  checkRegistryId(state, registryId)
  new Constraints('ecr').list('repositoryNames', repositoryNames, {min: 1, max: 100}).check()
  if (repositoryNames && (maxResults !== undefined || nextToken !== undefined)) {
    throw invalidParameter('maxResults and nextToken cannot be used when repositoryNames is specified')
  }
  const own = registryId === undefined || registryId === state.accountId
  if (repositoryNames) {
    const repos = (repositoryNames as string[]).map((name) => {
      checkRepositoryName(name)
      const repo = own ? state.repositories.get(name) : undefined
      if (!repo) throw repositoryNotFound(state, name)
      return repo
    })
    return {repositories: repos.map((repo) => describeRepository(state, repo))}
  }
  const all = own ? [...state.repositories.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : []
  const result = page(all, nextToken, maxResults)
  return {
    repositories: result.items.map((repo) => describeRepository(state, repo)),
    ...(result.nextToken ? {nextToken: result.nextToken} : {}),
  }
}

const deleteRepository: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  if (repo.images.size > 0 && input.force !== true) {
    throw new AwsError(
      'RepositoryNotEmptyException',
      `The repository with name '${repo.name}' in registry with id '${state.accountId}' cannot be deleted because it still contains images`,
      400,
    )
  }
  state.repositories.delete(repo.name)
  return {repository: describeRepository(state, repo)}
}

const putImageTagMutability: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  new Constraints('ecr').required('imageTagMutability', input.imageTagMutability).check()
  checkMutability(input.imageTagMutability, input.imageTagMutabilityExclusionFilters)
  repo.imageTagMutability = input.imageTagMutability
  if (input.imageTagMutabilityExclusionFilters) repo.imageTagMutabilityExclusionFilters = input.imageTagMutabilityExclusionFilters
  else delete repo.imageTagMutabilityExclusionFilters
  return {
    registryId: state.accountId,
    repositoryName: repo.name,
    imageTagMutability: repo.imageTagMutability,
    ...(repo.imageTagMutabilityExclusionFilters ? {imageTagMutabilityExclusionFilters: repo.imageTagMutabilityExclusionFilters} : {}),
  }
}

const putImageScanningConfiguration: Handler<EcrState> = (input, {state}) => {
  const repo = requireRepository(state, input)
  new Constraints('ecr').required('imageScanningConfiguration', input.imageScanningConfiguration).check()
  repo.scanOnPush = input.imageScanningConfiguration.scanOnPush === true
  return {registryId: state.accountId, repositoryName: repo.name, imageScanningConfiguration: {scanOnPush: repo.scanOnPush}}
}

export const repositoryHandlers: Record<string, Handler<EcrState>> = {
  CreateRepository: createRepository,
  DescribeRepositories: describeRepositories,
  DeleteRepository: deleteRepository,
  PutImageTagMutability: putImageTagMutability,
  PutImageScanningConfiguration: putImageScanningConfiguration,
}
