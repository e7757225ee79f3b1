import {readFileSync} from 'node:fs'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const ajv = new Ajv2020({strict: true, allErrors: true})
addFormats(ajv)
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/batch.schema.json', import.meta.url), 'utf8')) as object)

// A small vocabulary of keys so that references resolve sometimes and dangle sometimes.
const key = fc.constantFrom('a', 'b', 'c')
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, {nil: undefined})
const submit = fc.record({job: key, queue: maybe(key), arraySize: maybe(fc.integer({min: 0, max: 20_000})), shareIdentifier: maybe(fc.constantFrom('x', 'y'))}, {requiredKeys: ['job']})
const config: fc.Arbitrary<BatchConfig> = fc.record(
  {
    project: fc.constant('p'),
    defaults: fc.record({queue: key, timezone: fc.constantFrom('UTC', 'Mars/Base'), shareIdentifier: fc.constant('x')}, {requiredKeys: []}),
    computeEnvironments: fc.dictionary(key, fc.record({type: fc.constantFrom('FARGATE', 'FARGATE_SPOT', 'EC2', 'SPOT' as const), maxvCpus: maybe(fc.integer({min: 1, max: 64})), minvCpus: maybe(fc.integer({min: 0, max: 64})), managed: maybe(fc.boolean())}, {requiredKeys: ['type']})),
    schedulingPolicies: fc.dictionary(key, fc.record({shareDistribution: fc.array(fc.record({shareIdentifier: fc.constantFrom('x', 'y', 'x*')}), {maxLength: 3})})),
    jobQueues: fc.dictionary(key, fc.record({priority: fc.integer({min: 0, max: 10}), computeEnvironments: fc.uniqueArray(key, {minLength: 1, maxLength: 3}), schedulingPolicy: maybe(key)}, {requiredKeys: ['priority', 'computeEnvironments']})),
    jobDefinitions: fc.dictionary(
      key,
      fc.record(
        {
          image: fc.constantFrom('a', 'busybox', 'public.ecr.aws/x/y:1'),
          platform: maybe(fc.constantFrom('EC2', 'FARGATE' as const)),
          vcpus: maybe(fc.constantFrom(0.25, 1, 3)),
          memory: maybe(fc.constantFrom(512, 2048, 5000)),
          nodes: maybe(fc.record({count: fc.integer({min: 1, max: 4}), main: maybe(fc.integer({min: 0, max: 4})), ranges: maybe(fc.array(fc.record({targetNodes: fc.constantFrom('0', '1:', ':2', '0:3', '5:9')}), {maxLength: 3}))}, {requiredKeys: ['count']})),
        },
        {requiredKeys: ['image']},
      ),
    ),
    schedules: fc.dictionary(key, fc.oneof(fc.record({cron: fc.constantFrom('0 2 * * ? *', '0 2 * * *', '0 2 30 2 ? *'), submit}), fc.record({rate: fc.constantFrom('1 hour', '1 hours'), mode: fc.constant('rule' as const), start: fc.record({workflow: key})}))),
    workflows: fc.dictionary(key, fc.record({steps: fc.array(fc.record({name: key, job: key, after: maybe(fc.uniqueArray(key, {maxLength: 2})), arraySize: maybe(fc.integer({min: 0, max: 20_000}))}, {requiredKeys: ['name', 'job']}), {minLength: 1, maxLength: 4})})),
  },
  {requiredKeys: ['project']},
) as fc.Arbitrary<BatchConfig>

/** The value at `path`, or undefined. */
function at(value: unknown, path: Array<string | number>): unknown {
  let node = value
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[segment]
  }
  return node
}

describe('checkSemantics on generated configs', () => {
  it('never throws on a schema-valid config, and every diagnostic is well-formed and placed in the config', () => {
    fc.assert(
      fc.property(config, (c) => {
        // Drop undefined optionals so the schema sees what YAML would produce.
        const plain = JSON.parse(JSON.stringify(c)) as BatchConfig
        fc.pre(validate(plain))
        const found = checkSemantics(plain, {baseDir: '/nonexistent'})
        for (const d of found) {
          expect(d.code).toMatch(/^[a-z]+(-[a-z]+)*$/)
          expect(d.message.length).toBeGreaterThan(10)
          // The parent of the path exists; the last segment may be a key the user left out
          // (e.g. `queue` coming from defaults), which the loader shows at its parent.
          expect(at(plain, d.path.slice(0, -1)), JSON.stringify(d)).toBeDefined()
        }
      }),
      {numRuns: 300},
    )
  })
})
