import type {ErrorObject} from 'ajv'

import type {Diagnostic} from './diagnostic.js'
import {describeValue, listOf, pathLabel, typeName} from './schema-check-labels.js'
import {instancePath, make, translateError} from './schema-check-translate.js'

type Schema = Record<string, unknown>

/**
 * Translates ajv's errors, collapsing oneOf/anyOf noise: with `allErrors`, ajv reports every
 * failing branch plus "must match exactly one schema". We keep one readable story per
 * combinator: "needs one of cron, rate, at", "set only one of ...", one type error listing the
 * accepted types, or the errors of the branch that came closest.
 *
 * Branch errors are recognised by schema identity (ajv's `parentSchema` with `verbose`), since
 * ajv's schemaPath restarts inside every `$ref`.
 */
export function translateErrors(errors: ErrorObject[], data: unknown, root: Schema): Diagnostic[] {
  const reach = new Reachability(root)
  return collapse(errors, data, reach)
}

function isCombinator(error: ErrorObject): boolean {
  return error.keyword === 'oneOf' || error.keyword === 'anyOf'
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/')
}

function collapse(errors: ErrorObject[], data: unknown, reach: Reachability): Diagnostic[] {
  const combinators = errors.filter(isCombinator)
  if (combinators.length === 0) return errors.flatMap((e) => translateError(e, data) ?? [])
  const membership = new Map<ErrorObject, ErrorObject[][]>()
  for (const combinator of combinators) membership.set(combinator, branchMembers(combinator, errors, reach))
  const claimed = (error: ErrorObject): boolean =>
    combinators.some((c) => c !== error && membership.get(c)!.some((members) => members.includes(error)))
  const outer = combinators.find((c) => !claimed(c)) ?? combinators[0]!
  const branches = membership.get(outer)!
  const consumed = new Set<ErrorObject>([outer, ...branches.flat()])
  const rest = errors.filter((e) => !consumed.has(e))
  return [...resolve(outer, branches, data, reach), ...collapse(rest, data, reach)]
}

/** The errors that came from each branch of a combinator. */
function branchMembers(combinator: ErrorObject, errors: ErrorObject[], reach: Reachability): ErrorObject[][] {
  const branches = (Array.isArray(combinator.schema) ? combinator.schema : []) as Schema[]
  return branches.map((branch) => {
    const inside = reach.from(branch)
    return errors.filter(
      (e) => e !== combinator && under(e.instancePath, combinator.instancePath) && inside.has(e.parentSchema as object),
    )
  })
}

function resolve(combinator: ErrorObject, branches: ErrorObject[][], data: unknown, reach: Reachability): Diagnostic[] {
  const path = instancePath(combinator.instancePath, data)
  const label = pathLabel(path)
  const schemas = (Array.isArray(combinator.schema) ? combinator.schema : []).map((s) => reach.deref(s as Schema))
  const requiredOf = (schema: Schema | undefined): string[] => (Array.isArray(schema?.['required']) ? (schema['required'] as string[]) : [])
  const alternatives = schemas.flatMap(requiredOf)
  const passing = (combinator.params as {passingSchemas?: number[] | null}).passingSchemas
  if (Array.isArray(passing)) {
    const keys = passing.flatMap((i) => requiredOf(schemas[i]))
    if (keys.length === passing.length) {
      return [make('conflicting-keys', path, `${label} sets ${keys.map((k) => `"${k}"`).join(' and ')}; set only one of them`, {expected: `exactly one of ${listOf(alternatives)}`})]
    }
    return [make('ambiguous-value', path, `${label} matches more than one of the accepted forms`)]
  }
  const atPath = (e: ErrorObject): boolean => e.instancePath === combinator.instancePath
  const onlyMissing = branches.every((members) => members.length > 0 && members.every((e) => atPath(e) && e.keyword === 'required'))
  if (onlyMissing && alternatives.length === branches.length) {
    return [make('missing-required', path, `${label} needs one of ${listOf(alternatives)}`, {expected: `exactly one of ${listOf(alternatives)}`})]
  }
  // Each alternative refuses only the keys that define the others: several were given at once
  // (an image with both `context` and `base`).
  const refusesOthers = branches.every(
    (members) =>
      members.length > 0 &&
      members.every((e) => atPath(e) && e.keyword === 'additionalProperties' && alternatives.includes(String(e.params['additionalProperty']))),
  )
  if (refusesOthers && alternatives.length === branches.length) {
    const value = valueAt(data, path)
    const given = alternatives.filter((key) => value !== null && typeof value === 'object' && Object.hasOwn(value, key))
    return [make('conflicting-keys', path, `${label} sets ${given.map((k) => `"${k}"`).join(' and ')}; set only one of them`, {expected: `exactly one of ${listOf(alternatives)}`})]
  }
  const wrongTypes = branches.map((members) => members.find((e) => atPath(e) && e.keyword === 'type'))
  if (wrongTypes.every((e) => e !== undefined)) {
    const types = [...new Set(wrongTypes.flatMap((e) => [e!.params['type']].flat().map(String)))]
    const shown = typeName(types)
    return [make('wrong-type', path, `${label} must be ${shown}, got ${describeValue(wrongTypes[0]!.data)}`, {expected: shown})]
  }
  // Closest branch: fewest problems on this value itself, then fewest problems below it.
  let best = -1
  let bestScore = Infinity
  branches.forEach((members, index) => {
    if (members.length === 0) return
    const score = members.reduce((sum, e) => sum + (atPath(e) ? (e.keyword === 'type' ? 1000 : 10) : 1), 0)
    if (score < bestScore) [best, bestScore] = [index, score]
  })
  if (best === -1) return [make('invalid-value', path, `${label} ${combinator.message ?? 'is invalid'}`)]
  return collapse(branches[best]!, data, reach)
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let current = data
  for (const segment of path) current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined
  return current
}

/** Which schema objects each branch can reach (following local `$ref`s), cached. */
class Reachability {
  private readonly cache = new Map<object, Set<object>>()
  constructor(private readonly root: Schema) {}

  deref(schema: Schema | undefined): Schema | undefined {
    let current = schema
    for (let hops = 0; hops < 20 && current && typeof current['$ref'] === 'string'; hops++) {
      const target = this.pointer(current['$ref'] as string)
      if (!target) break
      current = target
    }
    return current
  }

  from(schema: Schema): Set<object> {
    const cached = this.cache.get(schema)
    if (cached) return cached
    const seen = new Set<object>()
    const stack: unknown[] = [schema]
    while (stack.length > 0) {
      const node = stack.pop()
      if (node === null || typeof node !== 'object' || seen.has(node)) continue
      seen.add(node)
      const ref = (node as Schema)['$ref']
      if (typeof ref === 'string') stack.push(this.pointer(ref))
      stack.push(...Object.values(node))
    }
    this.cache.set(schema, seen)
    return seen
  }

  private pointer(ref: string): Schema | undefined {
    if (!ref.startsWith('#')) return undefined
    let node: unknown = this.root
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
      node = node !== null && typeof node === 'object' ? (node as Schema)[key] : undefined
    }
    return node !== null && typeof node === 'object' ? (node as Schema) : undefined
  }
}
