import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url))
const schema = JSON.parse(readFileSync(new URL('../../schema/batch.schema.json', import.meta.url), 'utf8')) as object
const ajv = new Ajv2020({strict: true, allErrors: true})
addFormats(ajv)
const validate = ajv.compile(schema)

const examples = readdirSync(examplesDir, {withFileTypes: true})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('examples/', () => {
  it('has the three documented projects', () => {
    expect(examples).toEqual(expect.arrayContaining(['fargate-nightly', 'multinode-training', 'spot-array-pipeline']))
  })

  describe.each(examples)('%s', (name) => {
    const dir = join(examplesDir, name)
    const text = readFileSync(join(dir, 'batch.yaml'), 'utf8')
    const config = parse(text) as BatchConfig

    it('starts with the schema modeline and has a README', () => {
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/batch.schema.json')
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# /)
    })

    it('validates against the schema', () => {
      expect(validate(config), ajv.errorsText(validate.errors)).toBe(true)
    })

    it('passes the semantic checks without diagnostics', () => {
      expect(checkSemantics(config, {baseDir: dir})).toEqual([])
    })
  })
})
