import {AwsError, validationException} from '../../aws-error.js'

/**
 * Model-constraint errors in AWS's wording: `1 validation error detected: Value 'x' at 'name'
 * failed to satisfy constraint: Member must ...`.
 */
export function constraintError(value: unknown, member: string, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`
  return validationException(`1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`)
}

export function requireString(value: unknown, member: string): string {
  if (typeof value !== 'string') throw constraintError(value, member, 'not be null')
  return value
}

export function checkLength(value: string | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return
  if (value.length < min) throw constraintError(value, member, `have length greater than or equal to ${min}`)
  if (value.length > max) throw constraintError(value, member, `have length less than or equal to ${max}`)
}

export function checkPattern(value: string | undefined, member: string, pattern: RegExp, shown: string): void {
  if (value !== undefined && !pattern.test(value)) {
    throw constraintError(value, member, `satisfy regular expression pattern: ${shown}`)
  }
}

export function checkEnum(value: string | undefined, member: string, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw constraintError(value, member, `satisfy enum value set: [${allowed.join(', ')}]`)
  }
}

export function checkRange(value: number | undefined, member: string, min: number, max: number): void {
  if (value === undefined) return
  if (!Number.isInteger(value) || value < min) throw constraintError(value, member, `have value greater than or equal to ${min}`)
  if (value > max) throw constraintError(value, member, `have value less than or equal to ${max}`)
}

/** Opaque pagination tokens: the offset into a stable, sorted listing. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({o: offset})).toString('base64url')
}

export function decodeToken(token: string | undefined, invalid: () => AwsError): number {
  if (token === undefined) return 0
  try {
    const offset: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).o
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset
  } catch {
    // fall through
  }
  throw invalid()
}

/** One page of a sorted listing: `limit` items from the token's offset, and the next token. */
export function page<T>(items: T[], token: string | undefined, limit: number, invalid: () => AwsError): {items: T[]; next?: string} {
  const start = decodeToken(token, invalid)
  const slice = items.slice(start, start + limit)
  return start + limit < items.length ? {items: slice, next: encodeToken(start + limit)} : {items: slice}
}
