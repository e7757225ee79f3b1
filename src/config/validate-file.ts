import {dirname} from 'node:path'

import type {Diagnostic, LocatedDiagnostic} from './diagnostic.js'
import {applyEnvironment} from './environments.js'
import {interpolateDocument} from './interpolate-env.js'
import type {EnvVars} from './interpolate-env.js'
import {readSource} from './load-source.js'
import {locateOffset, locatePath} from './parse-locate.js'
import type {OriginMap} from './parse-locate.js'
import {documentValue, parseYaml} from './parse-yaml.js'
import type {ParsedSource} from './parse-yaml.js'
import {schemaCheck, loadSchema} from './schema-check.js'
import {checkSemantics} from './semantic/index.js'
import type {BatchConfig} from './types.generated.js'

/** Options of validateFile. */
export interface ValidateOptions {
  /** Environment from `environments:` to merge over the base sections (`--env`). */
  env?: string
  /** Variables for `${env:NAME}`; defaults to process.env. */
  vars?: EnvVars
  /** Schema file to validate against; defaults to the package's schema/batch.schema.json. */
  schemaPath?: string
}

/** Everything found in one batch.yaml. */
export interface ValidationResult {
  /** The effective config (environment merged, `environments` removed), only when valid. */
  config?: BatchConfig
  /** Every problem, sorted by position; empty means valid. */
  diagnostics: LocatedDiagnostic[]
}

/**
 * Reads, parses, interpolates, merges the environment, and checks a batch.yaml against the
 * schema and then (when the schema passes) the semantic rules. Collects every problem it can
 * instead of stopping at the first; stops early only when a stage's input cannot be trusted
 * (unreadable bytes, YAML syntax errors). Throws UserError only when the file cannot be read.
 */
export function validateFile(path: string, options: ValidateOptions = {}): ValidationResult {
  const read = readSource(path)
  if (!read.ok) {
    const {line, column, ...problem} = read.problem
    return {diagnostics: [{...problem, file: path, line, column, frame: ''}]}
  }
  const parsed = parseYaml(path, read.text)
  const {source} = parsed
  const located = parsed.problems.map(({offset, ...d}) => locateOffset(source, d, offset))
  if (parsed.fatal) return done(located)

  const interpolation = interpolateDocument(source.doc, source.text, options.vars ?? process.env)
  located.push(...interpolation.problems.map(({offset, ...d}) => locateOffset(source, d, offset)))

  const built = documentValue(source)
  if (built.problem) {
    const {offset, ...d} = built.problem
    return done([...located, locateOffset(source, d, offset)])
  }
  const root = built.value as Record<string, unknown>
  const merged = applyEnvironment(root, options.env)
  located.push(...merged.problems.map((d) => locatePath(source, d)))

  const schema = loadSchema(options.schemaPath)
  const checked: LocatedDiagnostic[] = []
  // The whole file, environment blocks included (their own partial schemas), is always checked;
  // with --env the merged result is checked too, for problems only the combination shows.
  const fileProblems = schemaCheck(root, schema).map((d) => locatePath(source, d))
  checked.push(...fileProblems)
  if (options.env !== undefined && merged.problems.length === 0) {
    const seen = new Set(fileProblems.map(at))
    for (const d of schemaCheck(merged.config, schema)) {
      const placed = locatePath(source, d, merged.origins)
      if (!seen.has(at(placed))) checked.push(placed)
    }
  }
  located.push(...withoutRepeats(checked, source, interpolation.failedNodes))

  const blocking = located.filter((d) => d.code !== 'duplicate-key' && d.code !== 'unknown-tag')
  if (blocking.length > 0) return done(located)
  const semantic = checkSemantics(merged.config as unknown as BatchConfig, {
    baseDir: dirname(path),
    ...(options.env !== undefined ? {env: options.env} : {}),
  })
  located.push(...semantic.map((d: Diagnostic) => locatePath(source, d, merged.origins as OriginMap)))
  if (located.length > 0) return done(located)
  return {config: merged.config as unknown as BatchConfig, diagnostics: []}
}

function at(d: LocatedDiagnostic): string {
  return `${d.line}:${d.column}:${d.code}`
}

/** Drops schema complaints about values whose `${env:...}` failed: the failure says it all. */
function withoutRepeats(diagnostics: LocatedDiagnostic[], source: ParsedSource, failedNodes: Set<number>): LocatedDiagnostic[] {
  if (failedNodes.size === 0) return diagnostics
  const failedLines = new Set([...failedNodes].map((offset) => source.lineCounter.linePos(offset)))
  return diagnostics.filter((d) => ![...failedLines].some((p) => p.line === d.line && p.col === d.column))
}

/** Sorts by position; Array.prototype.sort is stable, so same-place problems keep their order. */
function done(diagnostics: LocatedDiagnostic[]): ValidationResult {
  return {diagnostics: [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column)}
}
