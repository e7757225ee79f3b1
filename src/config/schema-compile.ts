import {createRequire} from 'node:module'

import type {Ajv, Options, ValidateFunction} from 'ajv'

// ajv and ajv-formats are CommonJS and take tens of milliseconds to load. They are required on
// first use, not imported: a built batchctl validates with the precompiled module
// (schema-standalone.ts) and never loads them.
const require = createRequire(import.meta.url)

/**
 * Options of every ajv instance batchctl makes, at run time and when precompiling, so both
 * report the same errors. allErrors: report every problem at once; verbose: errors carry the
 * data and the schema objects, which the translation needs for hints and for collapsing oneOf
 * branches.
 */
export const ajvOptions = {allErrors: true, verbose: true, strict: false} as const

/** An ajv instance with ajv-formats for the schema's draft (2020-12, 2019-09 or 07, by its `$schema`). */
export function createAjv(schema: Record<string, unknown>, extra: Options = {}): Ajv {
  const options = {...ajvOptions, ...extra}
  const draft = String(schema['$schema'] ?? '')
  let ajv: Ajv
  if (draft.includes('2020-12')) {
    const {Ajv2020} = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')
    ajv = new Ajv2020(options)
  } else if (draft.includes('2019-09')) {
    const {Ajv2019} = require('ajv/dist/2019.js') as typeof import('ajv/dist/2019.js')
    ajv = new Ajv2019(options)
  } else {
    const {Ajv: Ajv7} = require('ajv') as typeof import('ajv')
    ajv = new Ajv7(options)
  }
  const addFormats = require('ajv-formats') as (ajv: Ajv) => Ajv
  addFormats(ajv)
  return ajv
}

/** Compiles a schema at run time (ajv generates and evaluates the validation code now). */
export function compileValidator(schema: Record<string, unknown>): ValidateFunction {
  return createAjv(schema).compile(schema)
}
