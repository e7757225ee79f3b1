import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {promisify} from 'node:util'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {describe, expect, it} from 'vitest'

import {repoRoot} from '../helpers/cli.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const schemaPath = new URL('../../schema/batch.schema.json', import.meta.url)
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>

function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({strict: true, allErrors: true})
  addFormats(ajv)
  return ajv
}

const validate = strictAjv().compile(schema)

type Node = Record<string, unknown>
/** Every subschema with its JSON pointer. */
function walk(node: unknown, pointer: string, visit: (node: Node, pointer: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${pointer}/${i}`, visit))
    return
  }
  if (node === null || typeof node !== 'object') return
  visit(node as Node, pointer)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'default' || key === 'enum') continue
    walk(value, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, visit)
  }
}

describe('schema/batch.schema.json', () => {
  it('compiles against the draft 2020-12 meta-schema in Ajv strict mode', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(typeof schema.$id).toBe('string')
    const ajv = strictAjv()
    expect(ajv.validateSchema(schema)).toBe(true)
    expect(() => ajv.compile(schema)).not.toThrow()
  })

  it('gives every property a description and examples', () => {
    const missing: string[] = []
    walk(schema, '#', (node, pointer) => {
      const props = node.properties as Record<string, Node> | undefined
      if (props === undefined) return
      for (const [key, prop] of Object.entries(props)) {
        if (prop === (true as unknown)) continue // `{key: true}` in exactly-one-of branches
        if (typeof prop.description !== 'string' || !Array.isArray(prop.examples)) missing.push(`${pointer}/properties/${key}`)
      }
    })
    expect(missing).toEqual([])
  })

  it('closes every object with additionalProperties (unknown keys are errors)', () => {
    const open: string[] = []
    walk(schema, '#', (node, pointer) => {
      if (node.type !== 'object') return
      // The two free-form objects: an EventBridge event pattern and a workflow's execution input.
      if (pointer.endsWith('/properties/event') || pointer.endsWith('/properties/input')) return
      if (node.additionalProperties === undefined) open.push(pointer)
    })
    expect(open).toEqual([])
  })

  it('accepts every example it shows (examples double as documentation in editors)', () => {
    const ajv = strictAjv()
    ajv.addSchema(schema)
    const failures: string[] = []
    walk(schema, '#', (node, pointer) => {
      if (!Array.isArray(node.examples)) return
      for (const example of node.examples) {
        if (!ajv.validate({$ref: `${String(schema.$id)}${pointer}`}, example)) {
          failures.push(`${pointer}: ${JSON.stringify(example)} → ${ajv.errorsText()}`)
        }
      }
    })
    expect(failures).toEqual([])
  })

  it('accepts a minimal and a full-featured config', () => {
    expect(validate({project: 'genomics'})).toBe(true)
    const full = {
      project: 'genomics',
      region: 'eu-central-1',
      images: {worker: {context: './worker'}, tool: {base: 'python:3.12-slim', files: [{src: './t', dest: '/t'}]}},
      computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 64, instanceTypes: ['optimal']}},
      jobQueues: {default: {priority: 1, computeEnvironments: ['spot']}},
      jobDefinitions: {align: {image: 'worker', vcpus: 2, memory: 4096, nodes: {count: 2, ranges: [{targetNodes: '0:1'}]}}},
      schedules: {nightly: {cron: '0 2 * * ? *', timezone: 'Europe/Berlin', submit: {job: 'align'}}},
      triggers: {upload: {event: {source: ['aws.s3']}, start: {workflow: 'p'}}},
      workflows: {p: {steps: [{name: 'a', job: 'align', catch: {fail: 'AFailed'}}]}},
      environments: {dev: {computeEnvironments: {spot: {maxvCpus: 8}}}},
    }
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true)
  })

  it.each([
    ['an unknown top-level key', {project: 'p', computeEnvironment: {}}, 'additionalProperties'],
    ['an unknown key in an entry', {project: 'p', jobQueues: {q: {priority: 1, computeEnvironments: ['a'], prio: 2}}}, 'additionalProperties'],
    ['a bad compute environment type', {project: 'p', computeEnvironments: {a: {type: 'LAMBDA'}}}, 'enum'],
    ['a missing project', {region: 'us-east-1'}, 'required'],
    ['an upper-case project', {project: 'Genomics'}, 'pattern'],
    ['a key with a space', {project: 'p', jobQueues: {'my queue': {priority: 1, computeEnvironments: ['a']}}}, 'pattern'],
    ['both cron and rate', {project: 'p', schedules: {s: {cron: '0 2 * * ? *', rate: '1 hour', submit: {job: 'j'}}}}, 'oneOf'],
    ['neither cron, rate nor at', {project: 'p', schedules: {s: {submit: {job: 'j'}}}}, 'oneOf'],
    ['both submit and start', {project: 'p', triggers: {t: {event: {source: ['x']}, submit: {job: 'j'}, start: {workflow: 'w'}}}}, 'oneOf'],
    ['steps and definitionFile together', {project: 'p', workflows: {w: {steps: [{name: 'a', job: 'j'}], definitionFile: 'x.json'}}}, 'oneOf'],
    ['an image with both context and base', {project: 'p', images: {i: {context: '.', base: 'x'}}}, 'oneOf'],
    ['a catch with next and fail', {project: 'p', workflows: {w: {steps: [{name: 'a', job: 'j', catch: {next: 'b', fail: 'F'}}]}}}, 'oneOf'],
    ['an env override with an unknown key', {project: 'p', environments: {dev: {computeEnvironments: {a: {maxCpus: 1}}}}}, 'additionalProperties'],
  ])('rejects %s', (_what, config, keyword) => {
    expect(validate(config)).toBe(false)
    expect(validate.errors?.map((e) => e.keyword)).toContain(keyword)
  })

  it('lets environment overrides be partial (no required keys)', () => {
    expect(validate({project: 'p', environments: {prod: {jobQueues: {q: {priority: 50}}, schedules: {s: {enabled: false}}}}})).toBe(true)
  })
})

describe('src/config/types.generated.ts', () => {
  it('is what scripts/gen-types.mjs generates from the current schema', async () => {
    const run = promisify(execFile)
    // --check exits 1 (rejecting) when the committed file differs from a fresh generation.
    await expect(run(process.execPath, ['scripts/gen-types.mjs', '--check'], {cwd: repoRoot})).resolves.toBeDefined()
  })
})
