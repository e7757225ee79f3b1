import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {repoRoot} from '../helpers/cli.js'

export const outputSchemaDir = join(repoRoot, 'schema', 'output')
const BASE = 'https://batchctl.dev/schema/output/'

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as {default?: typeof addFormatsModule}).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020

/** The schema file of a command id as oclif names it (`local:start` → `local-start.schema.json`). */
export function schemaFileOf(commandId: string): string {
  return `${commandId.replace(/[: ]/g, '-')}.schema.json`
}

/** Every schema of schema/output in one strict ajv (draft 2020-12), cross-file `$ref`s resolved. */
export function loadOutputSchemas(): Ajv2020 {
  const ajv = new Ajv2020({strict: true, allErrors: true})
  addFormats(ajv)
  for (const file of readdirSync(outputSchemaDir).filter((name) => name.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(outputSchemaDir, file), 'utf8')) as object)
  }
  return ajv
}

export function hasSchema(commandId: string): boolean {
  return existsSync(join(outputSchemaDir, schemaFileOf(commandId)))
}

/** The validator of a command's document, or of its NDJSON lines (`#/$defs/line`). */
export function validatorOf(ajv: Ajv2020, commandId: string, part: 'document' | 'line' = 'document'): ValidateFunction {
  const id = `${BASE}${schemaFileOf(commandId)}${part === 'line' ? '#/$defs/line' : ''}`
  const validate = ajv.getSchema(id)
  if (!validate) throw new Error(`no schema ${id}`)
  return validate
}

/**
 * Splits a command's --json stdout: single-line JSON objects first (NDJSON events), then at
 * most one document (oclif prints it indented over several lines).
 */
export function splitJsonOutput(stdout: string): {lines: unknown[]; document?: unknown} {
  const rows = stdout.split('\n')
  const lines: unknown[] = []
  let i = 0
  for (; i < rows.length; i++) {
    const row = rows[i]!.trim()
    if (row === '') continue
    try {
      const value: unknown = JSON.parse(row)
      if (value !== null && typeof value === 'object') {
        lines.push(value)
        continue
      }
    } catch {
      // The first row that is not a whole JSON value starts the document.
    }
    break
  }
  const rest = rows.slice(i).join('\n').trim()
  return rest === '' ? {lines} : {lines, document: JSON.parse(rest) as unknown}
}
