import {invalid} from './validate.js'


/** One page of a Describe or List answer. */
export interface Page<T> {
  items: T[]
  nextToken?: string
}

/**
 * AWS Batch pagination: `maxResults` 1–100 (100 when omitted, with a `nextToken` when more
 * remain), `nextToken` opaque. The token encodes the offset plus a tag of the operation so a
 * token from one operation is refused by another, as AWS refuses foreign tokens.
 */
export function paginate<T>(items: T[], input: {maxResults?: unknown; nextToken?: unknown}, scope: string): Page<T> {
  let limit = 100
  if (input.maxResults !== undefined && input.maxResults !== null) {
    const max = input.maxResults
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) {
      throw invalid('maxResults must be between 1 and 100')
    }
    limit = max
  }
  let offset = 0
  if (input.nextToken !== undefined && input.nextToken !== null && input.nextToken !== '') {
    offset = decodeToken(input.nextToken, scope)
  }
  const page = items.slice(offset, offset + limit)
  const next = offset + limit
  return next < items.length ? {items: page, nextToken: encodeToken(next, scope)} : {items: page}
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({s: scope, o: offset})).toString('base64url')
}

function decodeToken(token: unknown, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8')) as {s?: unknown; o?: unknown}
    if (parsed.s === scope && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o
  } catch {
    // fall through to AWS's answer for a token it did not issue
  }
  throw invalid('Invalid nextToken')
}
