import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import type {WorkflowStep} from '../../src/config/types.generated.js'
import {compileSteps, type CompileOptions} from '../../src/workflows/compile.js'

// asl-validator is CommonJS without type declarations.
const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {isValid: boolean; errors: unknown[]}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden')
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()

/** Queues and job definitions as plain names here; the desired model passes links instead. */
function options(extra: Partial<CompileOptions> = {}): CompileOptions {
  return {
    jobQueue: (key) => `genomics-${key}`,
    jobDefinition: (key) => `genomics-${key}`,
    defaultQueue: 'default',
    jobNamePrefix: 'genomics-wf',
    ...extra,
  }
}

describe('steps → ASL golden files (test/workflows/golden/<case>.yaml → <case>.asl.json)', () => {
  it('has at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10)
  })

  for (const file of cases) {
    it(file.replace(/\.yaml$/, ''), () => {
      const input = parse(readFileSync(join(dir, file), 'utf8')) as {steps: WorkflowStep[]; options?: Partial<CompileOptions>}
      const text = `${JSON.stringify(compileSteps(input.steps, options(input.options)), null, 2)}\n`
      // Validate a parsed copy: asl-validator fills in defaults (QueryLanguage) on what it is given.
      const validation = validateAsl(JSON.parse(text))
      expect(validation.errors).toEqual([])
      expect(validation.isValid).toBe(true)
      const expected = join(dir, file.replace(/\.yaml$/, '.asl.json'))
      // BATCHCTL_UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
      if (process.env.BATCHCTL_UPDATE_GOLDEN === '1') writeFileSync(expected, text)
      expect(text).toBe(readFileSync(expected, 'utf8'))
    })
  }
})
