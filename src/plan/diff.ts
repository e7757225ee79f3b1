import {canonicalJson} from '../model/index.js'
import {SENSITIVE_VALUE, type FieldDiff} from './change.js'

/** Keys that identify list items: such lists are diffed item by item (`env[name=X].value`). */
const ITEM_KEYS = ['name', 'id', 'shareIdentifier', 'targetNodes', 'type', 'reason'] as const

/** Deep equality by canonical JSON (undefined members ignored, key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function itemKeyOf(list: readonly unknown[]): string | undefined {
  if (list.length === 0) return undefined
  return ITEM_KEYS.find((key) => {
    const seen = new Set<string>()
    for (const item of list) {
      if (!isPlainObject(item) || typeof item[key] !== 'string') return false
      if (seen.has(item[key] as string)) return false
      seen.add(item[key] as string)
    }
    return true
  })
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/**
 * The fields where `after` (desired) differs from `before` (live), deepest first where both
 * sides are objects. Lists of keyed objects are matched by key; other lists of objects of the
 * same length by index; anything else is one diff for the whole value.
 */
export function diffValues(before: unknown, after: unknown, path = ''): Array<{path: string; before: unknown; after: unknown}> {
  if (sameValue(before, after)) return []
  // A keyed list on one side and nothing on the other: diff against [] so each item (and
  // each secret-looking environment variable) is its own diff.
  if (before === undefined && Array.isArray(after) && itemKeyOf(after) !== undefined) return diffValues([], after, path)
  if (after === undefined && Array.isArray(before) && itemKeyOf(before) !== undefined) return diffValues(before, [], path)
  // An object on one side only: list its fields one by one (creates, added blocks), so
  // sensitive values deep inside are marked field by field.
  if ((before === undefined && isPlainObject(after)) || (after === undefined && isPlainObject(before))) {
    const inner = diffValues(before ?? {}, after ?? {}, path)
    return inner.length > 0 ? inner : [{path, before, after}]
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((key) => diffValues(before[key], after[key], join(path, key)))
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = before.length === 0 ? itemKeyOf(after) : after.length === 0 ? itemKeyOf(before) : itemKeyOf(before) === itemKeyOf(after) ? itemKeyOf(before) : undefined
    if (key !== undefined) {
      const b = new Map(before.map((item) => [(item as Record<string, string>)[key] as string, item]))
      const a = new Map(after.map((item) => [(item as Record<string, string>)[key] as string, item]))
      const ids = [...new Set([...b.keys(), ...a.keys()])].sort()
      return ids.flatMap((id) => {
        const itemPath = `${path}[${key}=${id}]`
        const bi = b.get(id)
        const ai = a.get(id)
        if (bi === undefined || ai === undefined) return [{path: itemPath, before: bi, after: ai}]
        return diffValues(bi, ai, itemPath)
      })
    }
    const objects = before.every(isPlainObject) && after.every(isPlainObject)
    if (objects && before.length === after.length && before.length > 0) {
      return before.flatMap((item, i) => diffValues(item, after[i], `${path}[${i}]`))
    }
  }
  return [{path, before, after}]
}

/** True when `path` is `field` or lies under it (`field.x`, `field[...]`). */
export function pathUnder(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)
}

/** Turns raw diffs into FieldDiffs, blanking the values of sensitive ones. */
export function toFieldDiffs(
  raw: ReadonlyArray<{path: string; before: unknown; after: unknown}>,
  isSensitive: (path: string, before: unknown, after: unknown) => boolean,
): FieldDiff[] {
  return raw.map(({path, before, after}) => {
    const sensitive = isSensitive(path, before, after)
    return sensitive
      ? {path, before: before === undefined ? undefined : SENSITIVE_VALUE, after: after === undefined ? undefined : SENSITIVE_VALUE, sensitive}
      : {path, before, after, sensitive}
  })
}
