import type {Diagnostic} from './diagnostic.js'
import {originKey} from './parse-locate.js'
import type {OriginMap} from './parse-locate.js'

/** The effective config for one environment, and where its overridden values were written. */
export interface EnvironmentResult {
  /** The top-level sections with the environment merged in; `environments` itself removed. */
  config: Record<string, unknown>
  origins: OriginMap
  problems: Diagnostic[]
}

type PlainObject = Record<string, unknown>

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Names declared under `environments:` (empty when the section is missing or malformed). */
export function environmentNames(root: PlainObject): string[] {
  const section = root['environments']
  return isPlainObject(section) ? Object.keys(section) : []
}

/**
 * Applies `environments.<name>` on top of the other sections: mappings merge key by key, lists
 * and scalars replace. Without a name, the base sections are returned unchanged. Every value
 * taken from the environment is recorded in the origin map so diagnostics point at the line in
 * the environment block.
 */
export function applyEnvironment(root: PlainObject, name: string | undefined): EnvironmentResult {
  const {environments, ...base} = root
  const origins: OriginMap = new Map()
  const problems: Diagnostic[] = []
  // The shape of `environments:` itself is the schema's business (EnvironmentOverrides).
  if (name === undefined) return {config: base, origins, problems}

  const known = isPlainObject(environments) ? Object.keys(environments) : []
  const block = isPlainObject(environments) ? environments[name] : undefined
  if (!known.includes(name)) {
    problems.push({
      code: 'unknown-environment',
      message: `unknown environment "${name}"`,
      expected: known.length > 0 ? `one of ${known.join(', ')}` : 'an environment declared under `environments:` (this file declares none)',
      path: known.length > 0 ? ['environments'] : [],
      atKey: known.length > 0,
    })
    return {config: base, origins, problems}
  }
  if (!isPlainObject(block)) return {config: base, origins, problems}
  const {environments: _nested, ...overrides} = block
  const config = mergeInto(base, overrides, [], ['environments', name], origins)
  return {config, origins, problems}
}

function mergeInto(
  base: PlainObject,
  override: PlainObject,
  target: Array<string | number>,
  source: Array<string | number>,
  origins: OriginMap,
): PlainObject {
  const result: PlainObject = {}
  for (const [key, value] of Object.entries(base)) define(result, key, value)
  for (const [key, value] of Object.entries(override)) {
    const current = result[key]
    const targetPath = [...target, key]
    const sourcePath = [...source, key]
    if (isPlainObject(current) && isPlainObject(value) && Object.hasOwn(result, key)) {
      define(result, key, mergeInto(current, value, targetPath, sourcePath, origins))
    } else {
      define(result, key, value)
      origins.set(originKey(targetPath), sourcePath)
    }
  }
  return result
}

/** Plain assignment of "__proto__" would change the prototype instead of adding a key. */
function define(object: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true})
}
