import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

import type {ErrorObject, ValidateFunction} from 'ajv'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {compileSchema, defaultSchemaPath, schemaCheck, type Compiled} from '../../src/config/schema-check.js'
import {compileValidator} from '../../src/config/schema-compile.js'
import {schemaDigest, type PrecompiledSchema} from '../../src/config/schema-precompiled.js'
import {standaloneModule} from '../../src/config/schema-standalone-code.js'
import {validateFile} from '../../src/config/validate-file.js'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const invalidDir = join(repo, 'test/fixtures/invalid')
const examplesDir = join(repo, 'examples')
const schemaText = readFileSync(defaultSchemaPath, 'utf8')

// Generated modules `require` ajv's runtime helpers and ajv-formats from their own location, as
// they do from dist/config: so they are written inside the repository (.tmp is git-ignored).
const made: string[] = []
function tempDir(): string {
  mkdirSync(join(repo, '.tmp'), {recursive: true})
  const dir = mkdtempSync(join(repo, '.tmp', 'schema-standalone-'))
  made.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of made) rmSync(dir, {recursive: true, force: true})
})

async function importStandalone(text: string): Promise<PrecompiledSchema> {
  const file = join(tempDir(), 'schema-standalone.generated.js')
  writeFileSync(file, standaloneModule(text))
  return (await import(pathToFileURL(file).href)) as PrecompiledSchema
}

/** Where each object of a schema sits (its first JSON pointer), to compare identities across two copies. */
function pointers(root: object): Map<object, string> {
  const found = new Map<object, string>()
  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== 'object' || found.has(node)) return
    found.set(node, at)
    for (const [key, item] of Object.entries(node)) visit(item, `${at}/${key}`)
  }
  visit(root, '#')
  return found
}

/**
 * ajv's errors with `schema` and `parentSchema` objects replaced by where they sit in `root`
 * ("outside" for a copy): equal results mean equal errors pointing at the same schema objects,
 * which the oneOf/anyOf collapsing relies on.
 */
function located(validate: ValidateFunction, data: unknown, root: object): unknown[] | null {
  if (validate(data)) return null
  const at = pointers(root)
  const where = (value: unknown): unknown => (value !== null && typeof value === 'object' ? {schemaAt: at.get(value) ?? 'outside'} : value)
  return (validate.errors ?? []).map((e: ErrorObject) => ({...e, schema: where(e.schema), parentSchema: where(e.parentSchema)}))
}

/** Every YAML document of the fixtures and examples that parses (broken YAML never reaches the schema). */
function corpus(): Array<[string, unknown]> {
  const files = [
    ...readdirSync(invalidDir).filter((name) => name.endsWith('.yaml')).map((name) => join(invalidDir, name)),
    ...readdirSync(examplesDir).map((name) => join(examplesDir, name, 'batch.yaml')),
  ]
  return files.flatMap((file): Array<[string, unknown]> => {
    try {
      return [[file.slice(repo.length), parse(readFileSync(file, 'utf8'), {logLevel: 'error'})]]
    } catch {
      return []
    }
  })
}

describe('the standalone validator of schema/batch.schema.json', () => {
  let standalone: PrecompiledSchema
  let runtime: Compiled
  beforeAll(async () => {
    standalone = await importStandalone(schemaText)
    runtime = compileSchema(JSON.parse(schemaText) as Record<string, unknown>)
  })
  const documents = corpus()

  it('carries the schema it was made from and its digest', () => {
    expect(standalone.schema).toEqual(JSON.parse(schemaText))
    expect(standalone.digest).toBe(schemaDigest(schemaText))
  })

  it('parses enough of the corpus to mean something', () => {
    expect(documents.length).toBeGreaterThan(90)
  })

  it.each(documents)('%s: the same errors, pointing at the same schema objects, as compiling at run time', (_name, data) => {
    const expected = located(runtime.validate, data, runtime.schema)
    expect(JSON.stringify(expected)).not.toContain('"outside"')
    expect(located(standalone.validate, data, standalone.schema)).toEqual(expected)
  })

  it.each(documents)('%s: the same diagnostics', (_name, data) => {
    const precompiled: Compiled = {schema: standalone.schema, validate: standalone.validate, precompiled: true}
    expect(schemaCheck(data, precompiled)).toEqual(schemaCheck(data, runtime))
  })

  it('agrees with run-time compilation when any value of an example is replaced by any JSON', () => {
    const example = parse(readFileSync(join(examplesDir, 'spot-array-pipeline/batch.yaml'), 'utf8')) as Record<string, unknown>
    const paths: string[][] = []
    const walk = (node: unknown, path: string[]): void => {
      paths.push(path)
      if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, [...path, key])
    }
    walk(example, [])
    const replaced = (path: string[], value: unknown): unknown => {
      const copy = structuredClone(example)
      if (path.length === 0) return value
      let node = copy as Record<string, unknown>
      for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
      node[path.at(-1)!] = value
      return copy
    }
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({maxDepth: 3}), (path, value) => {
        const data = replaced(path, value)
        expect(located(standalone.validate, data, standalone.schema)).toEqual(located(runtime.validate, data, runtime.schema))
        expect(schemaCheck(data, {...runtime, validate: standalone.validate, schema: standalone.schema})).toEqual(schemaCheck(data, runtime))
      }),
      {numRuns: 150},
    )
  })
})

describe('standalone code for formats and combinators', () => {
  // batch.schema.json has no `format` yet; this schema checks that ajv-formats' formats and
  // keywords work in the generated module, and that $ref'd oneOf branches keep their identity.
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    properties: {
      at: {type: 'string', format: 'date-time'},
      day: {type: 'string', format: 'date', formatMinimum: '2020-01-01'},
      link: {type: 'string', format: 'uri'},
      mail: {type: 'string', format: 'email'},
      when: {oneOf: [{$ref: '#/$defs/Cron'}, {$ref: '#/$defs/Rate'}]},
    },
    $defs: {
      Cron: {type: 'object', required: ['cron'], additionalProperties: false, properties: {cron: {type: 'string', minLength: 9}}},
      Rate: {type: 'object', required: ['rate'], additionalProperties: false, properties: {rate: {type: 'string', pattern: '^\\d+ (minutes?|hours?)$'}}},
    },
  }
  const text = JSON.stringify(schema, null, 2)
  const runtime = compileValidator(JSON.parse(text) as Record<string, unknown>)
  const runtimeRoot = runtime.schema as object
  const values = [
    {at: '2026-11-23T14:00:00Z', day: '2026-11-23', link: 'https://example.com/a', mail: 'a@example.com', when: {cron: '0 4 * * SUN'}},
    {at: 'yesterday', day: '2026-02-30', link: 'not a uri', mail: 'nobody'},
    {day: '2019-12-31'},
    {when: {cron: '0 4', rate: '5 minutes'}},
    {when: {rate: 'often'}},
    {when: {cron: 4}},
  ]

  let standalone: PrecompiledSchema
  beforeAll(async () => {
    standalone = await importStandalone(text)
  })

  it.each(values)('%j: the same errors as at run time', (value) => {
    expect(located(standalone.validate, value, standalone.schema)).toEqual(located(runtime, value, runtimeRoot))
  })

  it('rejects a bad date-time and accepts a good one (formats are real, not ignored)', () => {
    expect(standalone.validate(values[0])).toBe(true)
    expect(standalone.validate({at: 'yesterday'})).toBe(false)
    expect(standalone.validate.errors).toMatchObject([{keyword: 'format', params: {format: 'date-time'}}])
    expect(standalone.validate({day: '2019-12-31'})).toBe(false)
    expect(standalone.validate.errors).toMatchObject([{keyword: 'formatMinimum'}])
  })
})

describe('scripts/compile-schema.mjs and the build', () => {
  // These run the built code in dist/ (npm test builds first), in a plain Node process as a user does.
  it('writes the module the generator makes', () => {
    const out = join(tempDir(), 'out.js')
    const run = spawnSync(process.execPath, ['scripts/compile-schema.mjs', '--out', out], {cwd: repo, encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(standaloneModule(schemaText))
  })

  it('makes the built validateFile use the precompiled validator, with the same diagnostics as compiling at run time', () => {
    const files = readdirSync(invalidDir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(invalidDir, name))
    const envOf = (file: string): string | undefined => /^# env: (\S+)$/m.exec(readFileSync(file).toString('latin1').split('\n').slice(0, 2).join('\n'))?.[1]
    const cases = [...files, ...readdirSync(examplesDir).map((name) => join(examplesDir, name, 'batch.yaml'))].map((file) => ({file, env: envOf(file)}))
    const script = `
      const {validateFile} = await import(${JSON.stringify(pathToFileURL(join(repo, 'dist/config/validate-file.js')).href)})
      const {loadSchema} = await import(${JSON.stringify(pathToFileURL(join(repo, 'dist/config/schema-check.js')).href)})
      const cases = JSON.parse(process.argv[1])
      const results = cases.map(({file, env}) => validateFile(file, {vars: {}, ...(env ? {env} : {})}).diagnostics)
      process.stdout.write(JSON.stringify({precompiled: loadSchema().precompiled, results}))`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20})
    expect(run.status, run.stderr).toBe(0)
    const built = JSON.parse(run.stdout) as {precompiled: boolean; results: unknown[]}
    expect(built.precompiled).toBe(true)
    const here = cases.map(({file, env}) => validateFile(file, {vars: {}, ...(env ? {env} : {})}).diagnostics)
    expect(built.results).toEqual(JSON.parse(JSON.stringify(here)))
  })

  it('ignores the precompiled validator for a schema whose text differs from the one it was made from', () => {
    const dir = tempDir()
    const edited = join(dir, 'batch.schema.json')
    writeFileSync(edited, schemaText.replace('"title": "BatchConfig"', '"title": "BatchConfig (edited)"'))
    const copy = join(dir, 'copy.schema.json')
    writeFileSync(copy, schemaText)
    const script = `
      const {loadSchema} = await import(${JSON.stringify(pathToFileURL(join(repo, 'dist/config/schema-check.js')).href)})
      const edited = loadSchema(process.argv[1]), copy = loadSchema(process.argv[2])
      process.stdout.write(JSON.stringify({edited: edited.precompiled, editedTitle: edited.schema.title, copy: copy.precompiled}))`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, edited, copy], {cwd: repo, encoding: 'utf8'})
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({edited: false, editedTitle: 'BatchConfig (edited)', copy: true})
  })
})
