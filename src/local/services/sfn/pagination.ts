import {AwsError} from '../../aws-error.js'
import {pageSize} from './validate-input.js'

/**
 * One page of `items` for `maxResults`/`nextToken`. Tokens are opaque to callers; a token that
 * this emulator did not hand out fails as AWS's `InvalidToken`.
 */
export function paginate<T>(items: T[], input: {maxResults?: unknown; nextToken?: unknown}, scope: string): {page: T[]; nextToken?: string} {
  const size = pageSize(input.maxResults)
  let start = 0
  if (input.nextToken !== undefined && input.nextToken !== null) {
    const decoded = decodeToken(String(input.nextToken))
    if (!decoded || decoded.scope !== scope) throw new AwsError('InvalidToken', `Invalid Token: '${String(input.nextToken)}'`)
    start = decoded.offset
  }
  const page = items.slice(start, start + size)
  const next = start + size
  return next < items.length ? {page, nextToken: encodeToken(scope, next)} : {page}
}

function encodeToken(scope: string, offset: number): string {
  return Buffer.from(JSON.stringify({s: scope, o: offset})).toString('base64')
}

function decodeToken(token: string): {scope: string; offset: number} | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {s?: unknown; o?: unknown}
    if (typeof value.s === 'string' && typeof value.o === 'number' && value.o >= 0) return {scope: value.s, offset: value.o}
  } catch {
    // not one of ours
  }
  return undefined
}
