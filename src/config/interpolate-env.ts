import {isAlias, isCollection, isPair, isScalar, parse} from 'yaml'
import type {Document, Scalar} from 'yaml'

import type {OffsetDiagnostic} from './parse-yaml.js'

/** Variables visible to `${env:NAME}`; process.env by default. */
export type EnvVars = Record<string, string | undefined>

const REFERENCE = /\$\$\{|\$\{env:([^}]*)(\})?/g
const NAME_AND_DEFAULT = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/

/**
 * Replaces `${env:NAME}` and `${env:NAME:-default}` in every string value of the document, in
 * place, before the value is built: aliases then share the result and node positions still point
 * into the original text. `$${` stands for a literal `${`. Other `${...}` (shell variables in a
 * command) are left alone. Keys are never interpolated.
 *
 * A plain (unquoted) scalar that is exactly one reference takes the type of what it expands to,
 * so `maxvCpus: ${env:MAX_VCPUS}` is a number; quote it to keep a string.
 */
export function interpolateDocument(doc: Document.Parsed, text: string, env: EnvVars): InterpolationResult {
  const problems: OffsetDiagnostic[] = []
  const failedNodes = new Set<number>()
  const stack: unknown[] = [doc.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (isAlias(node)) continue
    if (isCollection(node)) {
      // Pushed in reverse so values pop in document order and problems come out sorted.
      for (const item of [...(node.items as unknown[])].reverse()) stack.push(isPair(item) ? item.value : item)
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${')) {
      if (!interpolateScalar(node as Scalar<string>, text, env, problems)) failedNodes.add(node.range?.[0] ?? 0)
    }
  }
  return {problems, failedNodes}
}

/** Problems found, and the start offsets of the values left unexpanded because of them. */
export interface InterpolationResult {
  problems: OffsetDiagnostic[]
  /** Later checks would only repeat the problem for these values ("must be an integer"). */
  failedNodes: Set<number>
}

/** Expands one scalar in place; false when a reference could not be expanded. */
function interpolateScalar(node: Scalar<string>, text: string, env: EnvVars, problems: OffsetDiagnostic[]): boolean {
  const [start, end] = node.range ?? [0, 0]
  const raw = text.slice(start, end)
  let cursor = 0
  const offsetOf = (match: string): number => {
    const at = raw.indexOf(match, cursor)
    if (at === -1) return start
    cursor = at + match.length
    return start + at
  }
  let failed = false
  const value = node.value.replace(REFERENCE, (match: string, inner: string | undefined, close: string | undefined) => {
    if (match === '$${') {
      offsetOf(match)
      return '${'
    }
    const offset = offsetOf(match)
    if (close === undefined) {
      failed = true
      problems.push({code: 'bad-interpolation', message: `unterminated reference ${JSON.stringify(match)}: missing "}"`, path: [], offset})
      return match
    }
    const parts = NAME_AND_DEFAULT.exec(inner ?? '')
    if (!parts) {
      failed = true
      problems.push({
        code: 'bad-interpolation',
        message: `invalid reference ${JSON.stringify(match)}`,
        expected: '${env:NAME} or ${env:NAME:-default}, NAME made of letters, digits and _',
        hint: 'write $${ for a literal ${',
        path: [],
        offset,
      })
      return match
    }
    const name = parts[1]!
    const fallback = parts[2]
    const current = env[name]
    if (current !== undefined && current !== '') return current
    if (fallback !== undefined) return fallback
    failed = true
    problems.push({
      code: 'env-not-set',
      message: `environment variable ${name} is not set`,
      hint: `set ${name}, or give a default: \${env:${name}:-value}`,
      path: [],
      offset,
    })
    return match
  })
  if (failed) return false
  if (value === node.value) return true
  const whole = node.type === 'PLAIN' && /^\$\{env:[^}]*\}$/.test(node.value)
  ;(node as Scalar<unknown>).value = whole ? retype(value) : value
  return true
}

/** The YAML core type of an expanded plain scalar: numbers and booleans, else the string. */
function retype(value: string): unknown {
  if (value.trim() === '') return value
  try {
    const typed: unknown = parse(value)
    return typeof typed === 'number' || typeof typed === 'boolean' ? typed : value
  } catch {
    return value
  }
}
