import {isAlias, isCollection, isMap, isScalar, isSeq} from 'yaml'
import type {Document, Pair} from 'yaml'

import type {Diagnostic, LocatedDiagnostic} from './diagnostic.js'
import type {OffsetDiagnostic, ParsedSource} from './parse-yaml.js'
import {codeFrame, splitLines} from './render-frame.js'
import type {SourceLines} from './render-frame.js'

/**
 * Where merged values came from: key is a JSON-encoded path in the effective config, value the
 * path in the file it was copied from (inside `environments:`). Prefixes apply to everything below.
 */
export type OriginMap = Map<string, Array<string | number>>

/** The key used in an OriginMap for a path. */
export function originKey(path: ReadonlyArray<string | number>): string {
  return JSON.stringify(path.map(String))
}

/** Rewrites a path of the effective config into the path in the file where the value was written. */
export function originalPath(path: ReadonlyArray<string | number>, origins: OriginMap | undefined): Array<string | number> {
  if (origins && origins.size > 0) {
    for (let length = path.length; length >= 1; length--) {
      const from = origins.get(originKey(path.slice(0, length)))
      if (from) return [...from, ...path.slice(length)]
    }
  }
  return [...path]
}

/**
 * Character offset of the node at `path` (its key when `atKey`). A path that leaves the
 * document (a missing property) stops at the deepest existing node. A block collection or an
 * empty value is shown at its key: the line that names it is where the reader looks.
 */
export function offsetOfPath(doc: Document.Parsed, path: ReadonlyArray<string | number>, atKey = false): number {
  let node: unknown = doc.contents
  let pair: Pair | undefined
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!
    node = deref(doc, node)
    let next: {node: unknown; pair?: Pair} | undefined
    if (isMap(node)) {
      const found = findPair(doc, node.items as Pair[], String(segment))
      if (found) next = {node: found.value, pair: found}
    } else if (isSeq(node) && typeof segment === 'number') {
      if (segment < node.items.length) next = {node: node.items[segment]}
    }
    if (!next) break
    node = next.node
    pair = next.pair
    if (i === path.length - 1 && atKey && pair) return startOf(pair.key) ?? 0
  }
  const resolved = deref(doc, node)
  const emptyValue = node === null || node === undefined || (isScalar(node) && node.value === null && !node.source)
  const blockCollection = isCollection(resolved) && !(resolved as {flow?: boolean}).flow
  if (pair && (emptyValue || blockCollection)) return startOf(pair.key) ?? 0
  if (isMap(resolved) && resolved.items.length > 0 && node === doc.contents) return startOf((resolved.items[0] as Pair).key) ?? 0
  return startOf(node) ?? 0
}

function deref(doc: Document.Parsed, node: unknown): unknown {
  let current = node
  // Aliases may point at aliases; the document's alias checks stop cycles, but stay bounded anyway.
  for (let hops = 0; hops < 100 && isAlias(current); hops++) current = current.resolve(doc)
  return current
}

// Key → pair per mapping, built once: files with thousands of problems in one mapping would
// otherwise search it again for each.
const pairIndex = new WeakMap<Pair[], Map<string, Pair>>()

function indexOf(items: Pair[]): Map<string, Pair> {
  let index = pairIndex.get(items)
  if (!index) {
    index = new Map()
    // Later pairs overwrite earlier ones: the last duplicate wins, as in the value.
    for (const item of items) {
      if (isScalar(item.key) && typeof item.key.value !== 'symbol') index.set(String(item.key.value), item)
    }
    pairIndex.set(items, index)
  }
  return index
}

/** The pair with this key (the last one if duplicated), else one from a `<<` merge. */
function findPair(doc: Document.Parsed, items: Pair[], key: string, seen = 0): Pair | undefined {
  const direct = indexOf(items).get(key)
  if (direct) return direct
  if (seen > 20) return undefined
  for (const item of items) {
    if (!isScalar(item.key) || typeof item.key.value !== 'symbol') continue
    const sources = isSeq(item.value) ? item.value.items : [item.value]
    for (const source of sources) {
      const map = deref(doc, source)
      if (isMap(map)) {
        const found = findPair(doc, map.items as Pair[], key, seen + 1)
        if (found) return found
      }
    }
  }
  return undefined
}

function startOf(node: unknown): number | undefined {
  return (node as {range?: [number, number, number]} | null | undefined)?.range?.[0]
}

const sourceLines = new WeakMap<ParsedSource, SourceLines>()

/** Places a Diagnostic at an offset of the source, with line, column and frame. */
export function locateOffset(source: ParsedSource, diagnostic: Diagnostic, offset: number): LocatedDiagnostic {
  const {line, col} = source.lineCounter.linePos(Math.max(0, Math.min(offset, source.text.length)))
  let lines = sourceLines.get(source)
  if (!lines) {
    lines = splitLines(source.text)
    sourceLines.set(source, lines)
  }
  const located: LocatedDiagnostic = {...diagnostic, file: source.file, line, column: col, frame: codeFrame(lines, line, col)}
  delete (located as Partial<OffsetDiagnostic>).offset
  return located
}

/** Places a path Diagnostic (schema, semantic) in the file, following environment origins. */
export function locatePath(source: ParsedSource, diagnostic: Diagnostic, origins?: OriginMap): LocatedDiagnostic {
  const path = originalPath(diagnostic.path, origins)
  return locateOffset(source, diagnostic, offsetOfPath(source.doc, path, diagnostic.atKey === true))
}
