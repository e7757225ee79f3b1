import {dirname} from 'node:path'

import type {LocatedDiagnostic} from './diagnostic.js'
import {applyEnvironment, environmentNames} from './environments.js'
import {interpolateDocument} from './interpolate-env.js'
import type {EnvVars} from './interpolate-env.js'
import {readSource} from './load-source.js'
import {locateOffset, locatePath} from './parse-locate.js'
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
  /** Environments that were merged and checked (the `--env` one, or all declared ones); set when valid. */
  environments?: string[]
}

/**
 * Reads, parses, interpolates, merges the environment, and checks a batch.yaml against the
 * schema and then (when the schema passes) the semantic rules. Without `env`, each declared
 * environment is merged and checked too. Collects every problem it can
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
  const baseDir = dirname(path)
  // The whole file, environment blocks included (checked by their own partial schemas).
  located.push(...withoutRepeats(schemaCheck(root, schema).map((d) => locatePath(source, d)), source, interpolation.failedNodes))
  const seen = new Set(located.flatMap(keys))
  /**
   * Adds problems not reported yet. Schema problems of a merged config repeat those of the file
   * with other wording (`environments.prod.x` vs `x`), so the same place and code is a repeat;
   * semantic problems must also say the same thing (two different problems can share a place).
   */
  const add = (found: LocatedDiagnostic[], how: {env?: string; sameMessage: boolean}): void => {
    for (const d of found) {
      const [place, exact] = keys(d)
      if (seen.has(how.sameMessage ? exact : place)) continue
      seen.add(place).add(exact)
      // A message that already names its environment (physical names do) is not told it twice.
      const named = how.env === undefined || d.message.includes(`in environment "${how.env}"`)
      located.push(named ? d : {...d, message: `${d.message} (in environment ${how.env})`})
    }
  }
  const blocked = located.some((d) => !NON_BLOCKING.has(d.code))

  if (options.env !== undefined) {
    if (merged.problems.length > 0) return done(located)
    // The merged result can have problems neither part has alone (cron from the base, rate from prod).
    add(withoutRepeats(schemaCheck(merged.config, schema).map((d) => locatePath(source, d, merged.origins)), source, interpolation.failedNodes), {sameMessage: false})
    if (located.some((d) => !NON_BLOCKING.has(d.code))) return done(located)
    add(checkSemantics(asConfig(merged.config), {baseDir, env: options.env}).map((d) => locatePath(source, d, merged.origins)), {sameMessage: true})
    return located.length > 0 ? done(located) : {config: asConfig(merged.config), diagnostics: [], environments: [options.env]}
  }

  if (blocked) return done(located)
  add(checkSemantics(asConfig(merged.config), {baseDir}).map((d) => locatePath(source, d)), {sameMessage: true})
  // Without --env, every declared environment is checked as well, so CI catches a broken prod
  // before anyone deploys it. Problems the base already has are not repeated.
  const environments = environmentNames(root)
  for (const name of environments) {
    const variant = applyEnvironment(root, name)
    const schemaProblems = schemaCheck(variant.config, schema).map((d) => locatePath(source, d, variant.origins))
    add(schemaProblems, {env: name, sameMessage: false})
    if (schemaProblems.length > 0) continue
    add(checkSemantics(asConfig(variant.config), {baseDir, env: name}).map((d) => locatePath(source, d, variant.origins)), {env: name, sameMessage: true})
  }
  return located.length > 0 ? done(located) : {config: asConfig(merged.config), diagnostics: [], environments}
}

/** Problems that leave the document trustworthy enough for the semantic checks. */
const NON_BLOCKING = new Set(['duplicate-key', 'unknown-tag'])

/** The schema has passed, so the value has the generated type's shape. */
function asConfig(value: Record<string, unknown>): BatchConfig {
  return value as unknown as BatchConfig
}

/** Keys for repeats: by place and code, and by place, code and message. */
function keys(d: LocatedDiagnostic): [string, string] {
  const place = `${d.line}:${d.column}:${d.code}`
  return [place, `${place}:${d.message}`]
}

/** Drops schema complaints about values whose `${env:...}` failed: the failure says it all. */
function withoutRepeats(diagnostics: LocatedDiagnostic[], source: ParsedSource, failedNodes: Set<number>): LocatedDiagnostic[] {
  if (failedNodes.size === 0) return diagnostics
  const failed = new Set(
    [...failedNodes].map((offset) => {
      const {line, col} = source.lineCounter.linePos(offset)
      return `${line}:${col}`
    }),
  )
  return diagnostics.filter((d) => !failed.has(`${d.line}:${d.column}`))
}

/** Sorts by position; Array.prototype.sort is stable, so same-place problems keep their order. */
function done(diagnostics: LocatedDiagnostic[]): ValidationResult {
  return {diagnostics: [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column)}
}
