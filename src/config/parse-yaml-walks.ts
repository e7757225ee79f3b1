import {isAlias, isCollection, isPair, isScalar, visit} from 'yaml'
import type {Document, LineCounter, Node as YamlNode} from 'yaml'

import type {OffsetDiagnostic} from './parse-yaml.js'

// Walks over a parsed document that look for what YAML allows but batch.yaml must not have.
// All but openingQuote are iterative: hostile input is exactly what would exhaust a recursion.

/** Start of the quoted scalar that runs to `end` without its closing quote. */
export function openingQuote(doc: Document.Parsed, end: number): number | undefined {
  let found: number | undefined
  visit(doc, {
    Scalar(_key, node) {
      const range = node.range
      if (range && range[1] === end && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
        found = range[0]
        return visit.BREAK
      }
      return undefined
    },
  })
  return found
}

/** Keys repeated within one mapping, each reported at the repetition. */
export function findDuplicateKeys(root: unknown, lineCounter: LineCounter): OffsetDiagnostic[] {
  const problems: OffsetDiagnostic[] = []
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!isCollection(node)) continue
    const seen = new Map<string, number>()
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push(item)
        continue
      }
      stack.push(item.value)
      const key = item.key
      if (!isScalar(key) || typeof key.value === 'symbol' || !key.range) continue
      const name = String(key.value)
      const first = seen.get(name)
      if (first === undefined) {
        seen.set(name, key.range[0])
      } else {
        problems.push({
          code: 'duplicate-key',
          message: `duplicate key ${JSON.stringify(name)} (first defined on line ${lineCounter.linePos(first).line})`,
          hint: 'YAML keeps only the last value; remove one of them',
          path: [],
          offset: key.range[0],
        })
      }
    }
  }
  return problems.sort((a, b) => a.offset - b.offset)
}

/** Iterative walk (a recursive one is what deep input would exhaust). */
export function findTooDeep(root: unknown, maxDepth: number): YamlNode | undefined {
  const stack: Array<[unknown, number]> = [[root, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (!isCollection(node)) continue
    if (depth >= maxDepth) return node
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1])
      } else {
        stack.push([item, depth + 1])
      }
    }
  }
  return undefined
}

export function firstAliasOffset(root: unknown): number | undefined {
  const stack: unknown[] = [root]
  let best: number | undefined
  while (stack.length > 0) {
    const node = stack.pop()
    if (isAlias(node)) {
      const start = node.range?.[0]
      if (start !== undefined && (best === undefined || start < best)) best = start
    } else if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) stack.push(item.key, item.value)
        else stack.push(item)
      }
    }
  }
  return best
}
