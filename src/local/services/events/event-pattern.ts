import {AwsError} from '../../aws-error.js'

/** EventBridge event patterns: parsing and validation (InvalidEventPatternException). */
export type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

const MATCHERS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr']

export const invalidPattern = (reason: string): AwsError =>
  new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 400)

export const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value)

function checkStringOrIgnoreCase(value: Json, name: string): void {
  if (typeof value === 'string') return
  if (isObject(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string') return
  throw invalidPattern(`${name} match pattern must be a string`)
}

function checkNumeric(value: Json): void {
  if (!Array.isArray(value) || value.length === 0) throw invalidPattern('Value of numeric must be an array.')
  const ops = value.filter((_, i) => i % 2 === 0)
  const numbers = value.filter((_, i) => i % 2 === 1)
  if (value.length % 2 !== 0 || value.length > 4) throw invalidPattern('Bad numeric range operator')
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) throw invalidPattern('Value of numeric must be numbers.')
  if (ops.length === 1 && !['=', '<', '<=', '>', '>='].includes(ops[0] as string)) throw invalidPattern('Unrecognized numeric range operator')
  if (ops.length === 2 && (!['>', '>='].includes(ops[0] as string) || !['<', '<='].includes(ops[1] as string))) {
    throw invalidPattern('Bad numeric range operator')
  }
  if (ops.length === 2 && (numbers[0] as number) >= (numbers[1] as number)) throw invalidPattern('Bottom must be less than top')
}

function checkMatcher(matcher: Record<string, Json>): void {
  const keys = Object.keys(matcher)
  if (keys.length !== 1) throw invalidPattern('Match object must have exactly one field')
  const [kind] = keys as [string]
  const value = matcher[kind]!
  if (!MATCHERS.includes(kind)) throw invalidPattern(`Unrecognized match type ${kind}`)
  switch (kind) {
    case 'prefix':
    case 'suffix':
      return checkStringOrIgnoreCase(value, kind)
    case 'equals-ignore-case':
    case 'wildcard':
    case 'cidr':
      if (typeof value !== 'string') throw invalidPattern(`${kind} match pattern must be a string`)
      return
    case 'exists':
      if (typeof value !== 'boolean') throw invalidPattern('exists match pattern must be either true or false.')
      return
    case 'numeric':
      return checkNumeric(value)
    case 'anything-but':
      if (isScalar(value) && value !== null) return
      if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' || typeof v === 'number')) return
      if (isObject(value) && Object.keys(value).length === 1) {
        const [inner] = Object.keys(value) as [string]
        if (['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(inner)) {
          const innerValue = value[inner]!
          if (typeof innerValue === 'string' || (inner === 'equals-ignore-case' && Array.isArray(innerValue))) return
        }
      }
      throw invalidPattern('Value of anything-but must be an array or single string/number value.')
  }
}

function checkLevel(pattern: Record<string, Json>): void {
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      // `$or` lists alternative sub-patterns for this level.
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw invalidPattern('$or must be an array of at least two objects')
      }
      for (const alternative of value) checkLevel(alternative as Record<string, Json>)
    } else if (isObject(value)) {
      checkLevel(value)
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalidPattern(`Empty arrays are not allowed at "${key}"`)
      for (const item of value) {
        if (isObject(item)) checkMatcher(item)
        else if (!isScalar(item)) throw invalidPattern('Match value must be String, number, true, false, or null')
      }
    } else {
      throw invalidPattern(`"${key}" must be an object or an array`)
    }
  }
}

/** Parses and validates a pattern; throws InvalidEventPatternException like EventBridge. */
export function parseEventPattern(text: string): Record<string, Json> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw invalidPattern(`Filter is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(parsed)) throw invalidPattern('Filter is not an object')
  checkLevel(parsed)
  return parsed
}
