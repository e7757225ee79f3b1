import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {Ajv} from 'ajv'
import type {ValidateFunction} from 'ajv'
import {Ajv2019} from 'ajv/dist/2019.js'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

import type {Diagnostic} from './diagnostic.js'
import {BugError} from '../errors.js'
import {translateErrors} from './schema-check-combinators.js'

/** schema/batch.schema.json of this package (two levels up from src/config or dist/config). */
export const defaultSchemaPath = fileURLToPath(new URL('../../schema/batch.schema.json', import.meta.url))

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as {default?: unknown}).default ?? addFormatsModule) as (ajv: Ajv) => Ajv

interface Compiled {
  schema: Record<string, unknown>
  validate: ValidateFunction
}

const compiled = new Map<string, Compiled>()

/** Compiles a JSON Schema once per path; the schema file is read at run time. */
export function loadSchema(path = defaultSchemaPath): Compiled {
  const cached = compiled.get(path)
  if (cached) return cached
  let result: Compiled
  try {
    result = compileSchema(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
  } catch (error) {
    // The schema ships with batchctl: failing to load it is our fault, not the user's.
    throw new BugError(`cannot load the batch.yaml schema at ${path}: ${(error as Error).message}`, {cause: error})
  }
  compiled.set(path, result)
  return result
}

/** Compiles a schema object (draft 2020-12, 2019-09 or 07, by its `$schema`); exported for tests. */
export function compileSchema(schema: Record<string, unknown>): Compiled {
  // allErrors: report every problem at once; verbose: errors carry the data and the schema
  // objects, which the translation needs for hints and for collapsing oneOf branches.
  const options = {allErrors: true, verbose: true, strict: false}
  const draft = String(schema['$schema'] ?? '')
  const ajv = draft.includes('2020-12') ? new Ajv2020(options) : draft.includes('2019-09') ? new Ajv2019(options) : new Ajv(options)
  addFormats(ajv)
  return {schema, validate: ajv.compile(schema)}
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
