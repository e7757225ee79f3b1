import {AwsError} from '../../aws-error.js'

/**
 * EventBridge event patterns: validation (InvalidEventPatternException) and matching.
 * Matching follows EventBridge's rules: a pattern lists the fields to match; every listed field
 * must match; a leaf is an array of alternatives; event arrays match when any element matches;
 * and a field a pattern does not name is ignored.
 */
type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

const MATCHERS = ['prefix', 'suffix', 'anything-but', 'numeric', 'exists', 'equals-ignore-case', 'wildcard', 'cidr']

export const invalidPattern = (reason: string): AwsError =>
  new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 400)

const isObject = (value: unknown): value is Record<string, Json> =>
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

function children(values: unknown[], key: string): unknown[] {
  const out: unknown[] = []
  for (const value of values) {
    if (!isObject(value) || !(key in value)) continue
    const child = value[key]
    if (Array.isArray(child)) out.push(...child)
    else out.push(child)
  }
  return out
}

function wildcardRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's')
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0)
}

function matchesCidr(value: unknown, cidr: string): boolean {
  const [network = '', bitsText = '32'] = cidr.split('/')
  const base = ipv4(network)
  const address = typeof value === 'string' ? ipv4(value) : undefined
  if (base === undefined || address === undefined) return false
  const bits = Number(bitsText)
  const size = 2 ** (32 - bits)
  return Math.floor(address / size) === Math.floor(base / size)
}

function stringMatch(value: unknown, spec: Json, test: (value: string, expected: string) => boolean): boolean {
  if (typeof value !== 'string') return false
  if (typeof spec === 'string') return test(value, spec)
  const ignoreCase = (spec as Record<string, string>)['equals-ignore-case']!
  return test(value.toLowerCase(), ignoreCase.toLowerCase())
}

function matchesNumeric(value: unknown, spec: Json[]): boolean {
  if (typeof value !== 'number') return false
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number
    const ok = {'=': value === bound, '<': value < bound, '<=': value <= bound, '>': value > bound, '>=': value >= bound}[
      spec[i] as '=' | '<' | '<=' | '>' | '>='
    ]
    if (!ok) return false
  }
  return true
}

function matchesAnythingBut(value: unknown, spec: Json): boolean {
  if (isObject(spec)) {
    const [kind] = Object.keys(spec) as [string]
    const inner = spec[kind]!
    if (typeof value !== 'string') return false
    if (kind === 'prefix') return !value.startsWith(inner as string)
    if (kind === 'suffix') return !value.endsWith(inner as string)
    if (kind === 'wildcard') return !wildcardRegex(inner as string).test(value)
    const excluded = (Array.isArray(inner) ? inner : [inner]).map((v) => String(v).toLowerCase())
    return !excluded.includes(value.toLowerCase())
  }
  const excluded = Array.isArray(spec) ? spec : [spec]
  return !excluded.includes(value as Json)
}

function matchesItem(item: Json, values: unknown[]): boolean {
  if (!isObject(item)) return values.some((value) => value === item)
  const [kind] = Object.keys(item) as [string]
  const spec = item[kind]!
  switch (kind) {
    case 'exists':
      return spec === (values.filter((v) => !isObject(v)).length > 0)
    case 'prefix':
      return values.some((v) => stringMatch(v, spec, (s, p) => s.startsWith(p)))
    case 'suffix':
      return values.some((v) => stringMatch(v, spec, (s, p) => s.endsWith(p)))
    case 'equals-ignore-case':
      return values.some((v) => typeof v === 'string' && v.toLowerCase() === (spec as string).toLowerCase())
    case 'wildcard':
      return values.some((v) => typeof v === 'string' && wildcardRegex(spec as string).test(v))
    case 'cidr':
      return values.some((v) => matchesCidr(v, spec as string))
    case 'numeric':
      return values.some((v) => matchesNumeric(v, spec as Json[]))
    case 'anything-but':
      return values.some((v) => !isObject(v) && matchesAnythingBut(v, spec))
    default:
      return false
  }
}

function matchesLevel(pattern: Record<string, Json>, values: unknown[]): boolean {
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!(sub as Array<Record<string, Json>>).some((alternative) => matchesLevel(alternative, values))) return false
      continue
    }
    const found = children(values, key)
    if (Array.isArray(sub)) {
      if (!sub.some((item) => matchesItem(item, found))) return false
    } else if (!matchesLevel(sub as Record<string, Json>, found)) {
      return false
    }
  }
  return true
}

/** Whether an event (the full envelope: source, detail-type, detail, ...) matches a parsed pattern. */
export function matchesPattern(pattern: Record<string, Json>, event: unknown): boolean {
  return matchesLevel(pattern, [event])
}
