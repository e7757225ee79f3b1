import {isObject, type Json} from './event-pattern.js'

/**
 * EventBridge event-pattern matching: a pattern lists the fields to match; every listed field
 * must match; a leaf is an array of alternatives; event arrays match when any element matches;
 * and a field a pattern does not name is ignored.
 */

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
