import {isAlias, isCollection, isMap, isScalar, LineCounter, parseDocument} from 'yaml'
import type {Document} from 'yaml'

import type {Diagnostic} from './diagnostic.js'
import {findDuplicateKeys, findTooDeep, firstAliasOffset, openingQuote} from './parse-yaml-walks.js'

/** Deeper nesting than this is never a sensible batch.yaml and only costs stack. */
export const MAX_DEPTH = 64
/** Alias expansions allowed while building the value: stops "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 1000
/** Beyond this many YAML errors the rest are noise from the first ones. */
const MAX_YAML_ERRORS = 100

/** A parsed batch.yaml together with what is needed to point back into it. */
export interface ParsedSource {
  /** The path as the user gave it; shown in diagnostics. */
  file: string
  text: string
  lineCounter: LineCounter
  doc: Document.Parsed
}

/** A Diagnostic whose position is already known as a character offset into the source text. */
export interface OffsetDiagnostic extends Diagnostic {
  offset: number
}

/** Result of parsing: the source, problems found, and whether later stages may still run. */
export interface ParseResult {
  source: ParsedSource
  problems: OffsetDiagnostic[]
  /** True when the document cannot be trusted for schema checks (syntax errors, wrong shape). */
  fatal: boolean
}

const yamlCodes: Record<string, string> = {
  TAB_AS_INDENT: 'tab-indent',
  RESOURCE_EXHAUSTION: 'too-deep',
  MULTIPLE_DOCS: 'multiple-documents',
  BAD_INDENT: 'bad-indent',
}

/** Parses YAML text keeping positions; every YAML error and warning becomes a located problem. */
export function parseYaml(file: string, text: string): ParseResult {
  const lineCounter = new LineCounter()
  // prettyErrors off: the pretty context is built with regular expressions that can exhaust
  // memory on hostile input; we build our own code frames anyway.
  // uniqueKeys off: the library compares every key with every other one (quadratic on large
  // mappings); findDuplicateKeys does the same check with a hash map.
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: false, merge: true, strict: true})
  const source: ParsedSource = {file, text, lineCounter, doc}
  const problems: OffsetDiagnostic[] = []
  let fatal = false

  const linesWithError = new Set<number>()
  // visit() recurses; skip the quote search on documents already too deep to walk that way.
  const walkable = !doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')
  let truncated = false
  for (const error of doc.errors) {
    if (problems.length >= MAX_YAML_ERRORS) {
      truncated = true
      break
    }
    const code = yamlCodes[error.code] ?? 'yaml-syntax'
    if (code !== 'duplicate-key') fatal = true
    // The parser often reports follow-on errors on the line of the first; one per line is enough.
    const line = lineCounter.linePos(error.pos[0]).line
    if (linesWithError.has(line)) continue
    linesWithError.add(line)
    const problem: OffsetDiagnostic = {code, message: yamlMessage(error.code, error.message), path: [], offset: error.pos[0]}
    const opening = walkable && error.code === 'MISSING_CHAR' ? openingQuote(doc, error.pos[0]) : undefined
    if (opening !== undefined) {
      // The parser notices a missing quote where the file (or flow) ends; the opening quote is
      // what the reader has to find.
      problem.offset = opening
      problem.message = 'this quoted string is never closed'
    }
    if (problem.code === 'yaml-syntax' && lineText(text, lineCounter, line).includes('${')) {
      // `{` and `}` end a plain value inside [ ] and { }: the reference has to be quoted there.
      problem.hint = 'inside [ ] or { }, quote values that contain ${env:...}, e.g. "${env:NAME}"'
    }
    problems.push(problem)
  }
  if (truncated) {
    // Placed after the last one shown, so it reads last.
    const last = problems[problems.length - 1]!
    problems.push({code: 'too-many-errors', message: `stopped after ${MAX_YAML_ERRORS} YAML errors; fix these first`, path: [], offset: last.offset})
  }
  for (const warning of doc.warnings) {
    if (problems.length >= MAX_YAML_ERRORS) break
    if (warning.code === 'TAG_RESOLVE_FAILED') {
      const tag = warning.message.replace(/^Unresolved tag:\s*/, '')
      problems.push({
        code: 'unknown-tag',
        message: `unknown YAML tag ${tag}`,
        hint: 'batch.yaml is plain YAML: remove the tag (CloudFormation tags like !Ref are not supported)',
        path: [],
        offset: warning.pos[0],
      })
    } else {
      problems.push({code: 'yaml-warning', message: firstLine(warning.message), path: [], offset: warning.pos[0]})
    }
  }
  if (fatal) return {source, problems, fatal}

  const deep = findTooDeep(doc.contents, MAX_DEPTH)
  if (deep) {
    problems.push({code: 'too-deep', message: `nesting is deeper than ${MAX_DEPTH} levels`, path: [], offset: deep.range?.[0] ?? 0})
    return {source, problems, fatal: true}
  }
  problems.push(...findDuplicateKeys(doc.contents, lineCounter))
  const root = doc.contents
  if (root === null || (isScalar(root) && root.value === null)) {
    problems.push({
      code: 'empty-file',
      message: 'file is empty',
      expected: 'a mapping with at least `project:` and the sections of your batch setup',
      hint: 'run `batchctl init` to start from a template',
      path: [],
      offset: 0,
    })
    return {source, problems, fatal: true}
  }
  if (!isMap(root)) {
    const what = isCollection(root) ? 'a list' : isAlias(root) ? 'an alias' : `the scalar ${JSON.stringify(String((root as {value?: unknown}).value))}`
    problems.push({
      code: 'not-a-mapping',
      message: `top level must be a mapping of sections, got ${what}`,
      expected: 'keys like `project:`, `computeEnvironments:`, `jobQueues:`',
      path: [],
      offset: root.range?.[0] ?? 0,
    })
    return {source, problems, fatal: true}
  }
  return {source, problems, fatal}
}

/** Builds the plain value of the document, capping alias expansion. */
export function documentValue(source: ParsedSource): {value?: unknown; problem?: OffsetDiagnostic} {
  try {
    return {value: source.doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})}
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/alias/i.test(message)) {
      return {
        problem: {
          code: 'alias-limit',
          message: `aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); this looks like an alias bomb`,
          hint: 'use fewer nested aliases, or write the values out',
          path: [],
          offset: firstAliasOffset(source.doc.contents) ?? 0,
        },
      }
    }
    return {problem: {code: 'yaml-syntax', message: firstLine(message), path: [], offset: 0}}
  }
}

function yamlMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed for indentation in YAML; indent with spaces'
  if (code === 'MULTIPLE_DOCS') return 'batch.yaml must hold a single YAML document, but a second one starts here'
  if (code === 'RESOURCE_EXHAUSTION') return `nesting is too deep to parse (limit ${MAX_DEPTH} levels)`
  const line = firstLine(message).replace(/ at line \d+, column \d+:?$/, '')
  return line.charAt(0).toLowerCase() + line.slice(1)
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

function lineText(text: string, lineCounter: LineCounter, line: number): string {
  const start = lineCounter.lineStarts[line - 1] ?? 0
  const end = text.indexOf('\n', start)
  return text.slice(start, end === -1 ? undefined : end)
}
