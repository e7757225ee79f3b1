import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import type {ValidateFunction} from 'ajv'

import type {Diagnostic} from './diagnostic.js'
import {BugError} from '../errors.js'
import {translateErrors} from './schema-check-combinators.js'
import {compileValidator} from './schema-compile.js'
import {importPrecompiled, precompiledModuleName, schemaDigest} from './schema-precompiled.js'

/** schema/batch.schema.json of this package (two levels up from src/config or dist/config). */
export const defaultSchemaPath = fileURLToPath(new URL('../../schema/batch.schema.json', import.meta.url))

// The validator generated at build time (scripts/compile-schema.mjs), loaded with the module
// because loadSchema is synchronous; undefined under vitest or tsx (see importPrecompiled).
const precompiled = await importPrecompiled(new URL(`./${precompiledModuleName}`, import.meta.url))

/** A schema with its validation function. */
export interface Compiled {
  schema: Record<string, unknown>
  validate: ValidateFunction
  /** True when the validator was generated at build time, false when ajv compiled it now. */
  precompiled: boolean
}

const compiled = new Map<string, Compiled>()

/**
 * Compiles a JSON Schema once per path; the schema file is read at run time. The validator
 * precompiled at build time serves any file with the text it was generated from (the package's
 * schema/batch.schema.json); an edited schema (digest differs) is compiled now, as any other file.
 */
export function loadSchema(path = defaultSchemaPath): Compiled {
  const cached = compiled.get(path)
  if (cached) return cached
  let result: Compiled
  try {
    const text = readFileSync(path, 'utf8')
    if (precompiled && precompiled.digest === schemaDigest(text)) {
      result = {schema: precompiled.schema, validate: precompiled.validate, precompiled: true}
    } else {
      result = compileSchema(JSON.parse(text) as Record<string, unknown>)
    }
  } catch (error) {
    // The schema ships with batchctl: failing to load it is our fault, not the user's.
    throw new BugError(`cannot load the batch.yaml schema at ${path}: ${(error as Error).message}`, {cause: error})
  }
  compiled.set(path, result)
  return result
}

/** Compiles a schema object (draft 2020-12, 2019-09 or 07, by its `$schema`); exported for tests. */
export function compileSchema(schema: Record<string, unknown>): Compiled {
  return {schema, validate: compileValidator(schema), precompiled: false}
}

/** Validates a value against the schema; every error as a Diagnostic with a path. */
export function schemaCheck(value: unknown, schema: Compiled = loadSchema()): Diagnostic[] {
  if (schema.validate(value)) return []
  return dedupe(translateErrors(schema.validate.errors ?? [], value, schema.schema))
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>()
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.path, d.message])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
