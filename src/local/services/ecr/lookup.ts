import {AwsError} from '../../aws-error.js'
import {Constraints} from '../logs/constraints.js'
import type {EcrState, Repository} from './state.js'

// AWS: Amazon ECR API Reference (CreateRepository: repositoryName 2-256 characters matching
// the pattern below; registryId 12 digits).

// Built from a raw string so validation messages show the pattern exactly as AWS does.
export const REPOSITORY_NAME = new RegExp(String.raw`(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*`)

export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message, 400)

export const repositoryNotFound = (state: EcrState, name: string): AwsError =>
  new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${state.accountId}'`,
    400,
  )

export function checkRepositoryName(name: unknown): void {
  new Constraints('ecr')
    .required('repositoryName', name)
    .string('repositoryName', name, {min: 2, max: 256, pattern: REPOSITORY_NAME})
    .check()
}

export function checkRegistryId(state: EcrState, registryId: unknown): void {
  new Constraints('ecr').string('registryId', registryId, {pattern: /[0-9]{12}/}).check()
}

/** The repository an operation names, in this account's registry. */
export function requireRepository(state: EcrState, input: {repositoryName?: unknown; registryId?: unknown}): Repository {
  checkRepositoryName(input.repositoryName)
  checkRegistryId(state, input.registryId)
  const name = input.repositoryName as string
  const repo = input.registryId === undefined || input.registryId === state.accountId ? state.repositories.get(name) : undefined
  if (!repo) throw repositoryNotFound(state, name)
  return repo
}

/** Opaque pagination tokens carrying the offset of the next page. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({offset})).toString('base64url')
}

export function decodeToken(token: unknown): number {
  if (token === undefined || token === null) return 0
  try {
    const {offset} = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {offset?: unknown}
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset
  } catch {
    // answered below
  }
  throw invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid token'")
}

/** One page of `items`: ECR's maxResults is 1-1000, 100 by default. */
export function page<T>(items: T[], nextToken: unknown, maxResults: unknown): {items: T[]; nextToken?: string} {
  new Constraints('ecr').number('maxResults', maxResults, {min: 1, max: 1000}).check()
  const start = decodeToken(nextToken)
  const size = (maxResults as number | undefined) ?? 100
  const slice = items.slice(start, start + size)
  return start + size < items.length ? {items: slice, nextToken: encodeToken(start + size)} : {items: slice}
}

/** awsJson timestamps are epoch seconds. */
export const seconds = (ms: number): number => ms / 1000
