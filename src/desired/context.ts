import type {BatchConfig} from '../config/types.generated.js'
import {physicalName} from '../config/physical-name.js'
import type {ResourceKind, ResourceRef} from '../model/index.js'

/** What every section's builder needs besides its own entries. */
export interface DesiredContext {
  config: BatchConfig
  project: string
  env?: string
  /**
   * The image a job definition runs, by `images:` key: `repository@sha256:...` once known.
   * Keys without an entry resolve to `unresolvedImage(key)`, which the plan shows as
   * "known after build".
   */
  imageUris: Record<string, string>
}

/** Placeholder for an image whose digest is known only after it is built. */
export function unresolvedImage(key: string): string {
  return `(image ${key}: known after build)`
}

/** The `images:` key inside an unresolvedImage placeholder, or undefined for a real URI. */
export function unresolvedImageKey(value: string): string | undefined {
  return /^\(image (.+): known after build\)$/.exec(value)?.[1]
}

export function nameOf(ctx: DesiredContext, key: string): string {
  return physicalName(ctx.project, ctx.env, key)
}

export function ref(kind: ResourceKind, logicalName: string): {ref: ResourceRef} {
  return {ref: {kind, logicalName}}
}

/** Drops undefined members so specs compare and hash the same however they were built. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** `{A: '1', B: '2'}` → `[{name: 'A', value: '1'}, ...]` sorted by name (AWS keeps no order). */
export function nameValueList(map: Record<string, string | undefined> | undefined): Array<{name: string; value: string}> | undefined {
  if (!map) return undefined
  return Object.keys(map)
    .sort()
    .map((name) => ({name, value: map[name] ?? ''}))
}

/** String maps without undefined values (the generated types allow them; YAML never yields them). */
export function stringMap(map: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  if (!map) return undefined
  return Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/** Entries of a `{key: value | undefined}` section, in key order. */
export function entries<T>(section: Record<string, T | undefined> | undefined): Array<[string, T]> {
  return Object.entries(section ?? {})
    .filter((entry): entry is [string, T] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
