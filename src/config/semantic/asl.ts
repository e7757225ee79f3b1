import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {resolve} from 'node:path'

import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import type {SemanticContext} from './context.js'
import {diagnostic, entries} from './context.js'

interface AslResult {
  isValid: boolean
  errors: Array<{'Error code': string; Message: string}>
}
// asl-validator is CommonJS without type declarations. Loaded on first use: it compiles its own
// JSON Schemas with ajv (50-90 ms), which every command that checks a config would pay otherwise.
let aslValidator: ((definition: unknown) => AslResult) | undefined
function validateAsl(definition: unknown): AslResult {
  aslValidator ??= createRequire(import.meta.url)('asl-validator') as (definition: unknown) => AslResult
  return aslValidator(definition)
}

/**
 * Workflows given as `definitionFile` point at a readable JSON file (relative to batch.yaml) that
 * is valid Amazon States Language according to asl-validator.
 */
export function checkAslFiles(config: BatchConfig, context: SemanticContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, workflow] of entries(config.workflows)) {
    if (workflow.definitionFile === undefined) continue
    const path = ['workflows', key, 'definitionFile']
    const file = resolve(context.baseDir, workflow.definitionFile)
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      out.push(
        diagnostic('asl-file-missing', path, `Cannot read workflow definition "${workflow.definitionFile}" (${code ?? 'error'}).`, {
          expected: 'a path to an ASL JSON file, relative to batch.yaml',
          hint: `looked for ${file}`,
        }),
      )
      continue
    }
    let definition: unknown
    try {
      definition = JSON.parse(text)
    } catch (error) {
      out.push(diagnostic('asl-invalid', path, `Workflow definition "${workflow.definitionFile}" is not JSON: ${(error as Error).message}.`, {expected: 'an Amazon States Language JSON document'}))
      continue
    }
    const result = validateAsl(definition)
    if (!result.isValid) {
      const first = result.errors[0]
      const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : ''
      out.push(
        diagnostic('asl-invalid', path, `Workflow definition "${workflow.definitionFile}" is not valid ASL: ${first?.Message ?? 'unknown error'}${more}.`, {
          expected: 'a valid Amazon States Language state machine',
          hint: result.errors.slice(1, 4).map((e) => e.Message).join('; ') || undefined,
        }),
      )
    }
  }
  return out
}
