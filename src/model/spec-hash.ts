import {createHash} from 'node:crypto'

/**
 * JSON with object keys sorted and `undefined` members dropped, so equal values always
 * serialize to the same text whatever order their keys were built in. Array order is kept:
 * callers sort order-insensitive lists first (see src/plan/normalize.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** sha256 hex of the canonical JSON of a (normalized) spec. Pure: no clock, no randomness. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex')
}
