import {runtimeError} from './states-error.js'

/** One step of a parsed path: a member name, an array index or a wildcard. */
type Step = {key: string} | {index: number} | {wildcard: true}

const cache = new Map<string, {root: '$' | '$$'; steps: Step[]}>()

/**
 * Parses the JSONPath subset ASL definitions use: `$`, `$.a.b`, `$['a b']`, `$.a[0]`, `$.a[-1]`,
 * `$.a[*].b` and the context object `$$....`.
 */
export function parsePath(path: string): {root: '$' | '$$'; steps: Step[]} {
  const cached = cache.get(path)
  if (cached) return cached
  const root = path.startsWith('$$') ? '$$' : '$'
  if (!path.startsWith('$')) throw runtimeError(`Invalid path '${path}': paths must start with '$'`)
  let i = root.length
  const steps: Step[] = []
  while (i < path.length) {
    const c = path[i]
    if (c === '.') {
      const match = /^\.([^.[\]]+)/.exec(path.slice(i))
      if (!match) throw runtimeError(`Invalid path '${path}'`)
      steps.push(match[1] === '*' ? {wildcard: true} : {key: match[1]!})
      i += match[0].length
    } else if (c === '[') {
      const rest = path.slice(i)
      const quoted = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest)
      const index = /^\[\s*(-?\d+)\s*\]/.exec(rest)
      const star = /^\[\s*\*\s*\]/.exec(rest)
      if (quoted) {
        steps.push({key: quoted[2]!.replace(/\\(.)/g, '$1')})
        i += quoted[0].length
      } else if (index) {
        steps.push({index: Number(index[1])})
        i += index[0].length
      } else if (star) {
        steps.push({wildcard: true})
        i += star[0].length
      } else {
        throw runtimeError(`Invalid path '${path}': unsupported expression`)
      }
    } else {
      throw runtimeError(`Invalid path '${path}'`)
    }
  }
  const parsed = {root: root as '$' | '$$', steps}
  cache.set(path, parsed)
  return parsed
}

const MISSING = Symbol('missing')

function walk(value: unknown, steps: Step[], from: number): unknown {
  let current: unknown = value
  for (let s = from; s < steps.length; s++) {
    const step = steps[s]!
    if ('wildcard' in step) {
      const items = Array.isArray(current) ? current : current && typeof current === 'object' ? Object.values(current) : undefined
      if (!items) return MISSING
      const out: unknown[] = []
      for (const item of items) {
        const found = walk(item, steps, s + 1)
        if (found !== MISSING) out.push(found)
      }
      return out
    }
    if ('index' in step) {
      if (!Array.isArray(current)) return MISSING
      const idx = step.index < 0 ? current.length + step.index : step.index
      if (idx < 0 || idx >= current.length) return MISSING
      current = current[idx]
    } else {
      if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, step.key)) return MISSING
      current = (current as Record<string, unknown>)[step.key]
    }
  }
  return current
}

/** The value at `path`, or `undefined` when the path selects nothing. */
export function tryPath(path: string, input: unknown, context: unknown): unknown {
  const {root, steps} = parsePath(path)
  const found = walk(root === '$$' ? context : input, steps, 0)
  return found === MISSING ? undefined : found
}

/** Whether `path` selects something (Choice's IsPresent). */
export function pathExists(path: string, input: unknown, context: unknown): boolean {
  const {root, steps} = parsePath(path)
  return walk(root === '$$' ? context : input, steps, 0) !== MISSING
}

/**
 * The value at `path`; a path that selects nothing is a `States.Runtime` error worded like
 * AWS's: "The JSONPath '$.x' specified for the field 'InputPath' could not be found in the input '{...}'".
 */
export function readPath(path: string, input: unknown, context: unknown, field: string): unknown {
  const {root, steps} = parsePath(path)
  const source = root === '$$' ? context : input
  const found = walk(source, steps, 0)
  if (found === MISSING) {
    throw runtimeError(`The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(source)}'`)
  }
  return found
}

/**
 * ResultPath: puts `result` into a copy of `input` at a reference path (`$`, `$.a.b`, `$.a[0]`),
 * creating objects on the way. `$` replaces the input.
 */
export function setPath(input: unknown, path: string, result: unknown): unknown {
  const {root, steps} = parsePath(path)
  if (root !== '$' || steps.some((s) => 'wildcard' in s)) throw runtimeError(`Invalid ResultPath '${path}'`)
  if (steps.length === 0) return result
  const output = structuredClone(input ?? {})
  if (!output || typeof output !== 'object') {
    throw runtimeError(`Unable to apply ReferencePath ${path} to input ${JSON.stringify(input)}`)
  }
  let target: any = output
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!
    const last = s === steps.length - 1
    const key = 'key' in step ? step.key : (step as {index: number}).index
    // An index needs an array and a member name an object (a name set on an array is lost in JSON).
    if ((typeof key === 'number') !== Array.isArray(target)) {
      throw runtimeError(`Unable to apply ReferencePath ${path} to input ${JSON.stringify(input)}`)
    }
    if (last) {
      target[key] = result
    } else {
      if (target[key] === undefined || target[key] === null || typeof target[key] !== 'object') target[key] = {}
      target = target[key]
    }
  }
  return output
}
