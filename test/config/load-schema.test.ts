import {describe, expect, it} from 'vitest'

import {compileSchema, loadSchema, schemaCheck} from '../../src/config/schema-check.js'
import {suggest} from '../../src/config/schema-check-suggest.js'
import {BugError} from '../../src/errors.js'

// Small schemas exercise the translation independently of batch.schema.json, which is
// written (and changed) by another developer; the last block checks a few cases against it.
const small = compileSchema({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: {type: 'string', pattern: '^[a-z]+$', description: 'Lower-case name. Used in tags.'},
    size: {type: 'integer', minimum: 1, maximum: 10},
    kind: {enum: ['FARGATE', 'FARGATE_SPOT', 'EC2', 'SPOT']},
    list: {type: 'array', items: {type: 'string'}, minItems: 1, uniqueItems: true},
    when: {
      type: 'object',
      additionalProperties: false,
      properties: {cron: {type: 'string'}, rate: {type: 'string'}, zone: {type: 'string'}},
      oneOf: [{required: ['cron']}, {required: ['rate']}],
    },
    image: {
      oneOf: [
        {type: 'object', required: ['context'], additionalProperties: false, properties: {context: {type: 'string'}, dockerfile: {type: 'string'}}},
        {type: 'object', required: ['base'], additionalProperties: false, properties: {base: {type: 'string'}, files: {type: 'array'}}},
      ],
    },
    labels: {type: 'object', propertyNames: {pattern: '^[a-z]+$'}, additionalProperties: {type: 'string'}},
  },
})

const check = (value: unknown) => schemaCheck(value, small)

describe('schemaCheck translation', () => {
  it('accepts a valid value', () => {
    expect(check({name: 'abc', size: 3, when: {cron: 'x'}, image: {base: 'python'}})).toEqual([])
  })

  it('reports an unknown key at the key, with the allowed keys and a did-you-mean', () => {
    expect(check({name: 'a', sise: 3})).toEqual([
      {
        code: 'unknown-key',
        message: 'unknown key "sise" in the top level',
        path: ['sise'],
        expected: 'one of name, size, kind, list, when, image, labels',
        hint: 'did you mean "size"?',
        atKey: true,
      },
    ])
  })

  it('offers no suggestion for a key unlike any allowed one', () => {
    expect(check({name: 'a', colour: 'blue'})[0]?.hint).toBeUndefined()
  })

  it('reports wrong types naming the value', () => {
    expect(check({name: 'a', size: 'big'})).toEqual([
      {code: 'wrong-type', message: 'size must be an integer, got the string "big"', path: ['size'], expected: 'an integer'},
    ])
  })

  it('lists the allowed values of an enum and suggests the closest', () => {
    expect(check({name: 'a', kind: 'fargate_spot'})).toEqual([
      {
        code: 'invalid-value',
        message: 'kind has the invalid value "fargate_spot"',
        path: ['kind'],
        expected: 'one of FARGATE, FARGATE_SPOT, EC2, SPOT',
        hint: 'did you mean "FARGATE_SPOT"?',
      },
    ])
  })

  it('reports a missing required property on the parent, explaining the property', () => {
    expect(check({})).toEqual([
      {code: 'missing-required', message: 'the top level is missing the required key "name"', path: [], expected: 'name: Lower-case name'},
    ])
  })

  it('reports ranges, patterns, lengths and duplicates', () => {
    const codes = check({name: 'A', size: 11, list: ['x', 'x']}).map((d) => [d.code, d.path])
    expect(codes).toEqual([
      ['invalid-value', ['name']],
      ['out-of-range', ['size']],
      ['duplicate-item', ['list', 1]],
    ])
    expect(check({name: 'a', list: []})[0]).toMatchObject({code: 'out-of-range', expected: 'at least 1 entry'})
  })

  it('reports an invalid key of a map at the key', () => {
    expect(check({name: 'a', labels: {Team: 'x'}})).toMatchObject([{code: 'invalid-key', path: ['labels', 'Team'], atKey: true}])
  })

  it('collapses "exactly one of" alternatives into one error when none is given', () => {
    expect(check({name: 'a', when: {zone: 'UTC'}})).toEqual([
      {code: 'missing-required', message: 'when needs one of cron, rate', path: ['when'], expected: 'exactly one of cron, rate'},
    ])
  })

  it('collapses "exactly one of" alternatives into one error when several are given', () => {
    expect(check({name: 'a', when: {cron: 'x', rate: 'y'}})).toEqual([
      {code: 'conflicting-keys', message: 'when sets "cron" and "rate"; set only one of them', path: ['when'], expected: 'exactly one of cron, rate'},
    ])
  })

  it('reports one type error for a value that is none of the accepted shapes', () => {
    expect(check({name: 'a', image: 'python'})).toEqual([
      {code: 'wrong-type', message: 'image must be a mapping, got the string "python"', path: ['image'], expected: 'a mapping'},
    ])
  })

  it('reports only the errors of the closest alternative', () => {
    // The first alternative fails only below the value (dockerfile's type); the second fails
    // on the value itself (no base, unknown keys): the first is what the user meant.
    expect(check({name: 'a', image: {context: '.', dockerfile: 3}})).toEqual([
      {code: 'wrong-type', message: 'image.dockerfile must be a string, got the number 3', path: ['image', 'dockerfile'], expected: 'a string'},
    ])
  })

  it('keeps errors outside a combinator next to a collapsed one', () => {
    const found = check({name: 'a', size: 0, when: {}, kind: 'X'}).map((d) => d.code).sort()
    expect(found).toEqual(['invalid-value', 'missing-required', 'out-of-range'])
  })
})

describe('suggest', () => {
  it('prefers a case-insensitive match and tolerates a few typos', () => {
    expect(suggest('MAXVCPUS', ['maxvCpus', 'minvCpus'])).toBe('maxvCpus')
    expect(suggest('maxvCpu', ['maxvCpus', 'minvCpus'])).toBe('maxvCpus')
    expect(suggest('memroy', ['memory', 'vcpus'])).toBe('memory')
  })

  it('stays quiet when nothing is close', () => {
    expect(suggest('colour', ['priority', 'state'])).toBeUndefined()
    expect(suggest('ab', ['xy'])).toBeUndefined()
  })
})

describe('schemaCheck with schema/batch.schema.json', () => {
  const schema = loadSchema()
  const base = {project: 'genomics', computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 16}}}

  it('accepts a small valid config', () => {
    expect(schemaCheck(base, schema)).toEqual([])
  })

  it('suggests the right key for a typo in a compute environment', () => {
    const found = schemaCheck({...base, computeEnvironments: {spot: {type: 'SPOT', maxvCpu: 16}}}, schema)
    expect(found).toMatchObject([{code: 'unknown-key', path: ['computeEnvironments', 'spot', 'maxvCpu'], hint: 'did you mean "maxvCpus"?'}])
  })

  it('reports a compute environment type outside the enum with the allowed values', () => {
    const found = schemaCheck({...base, computeEnvironments: {spot: {type: 'SPOTT'}}}, schema)
    expect(found).toMatchObject([{code: 'invalid-value', expected: 'one of FARGATE, FARGATE_SPOT, EC2, SPOT', hint: 'did you mean "SPOT"?'}])
  })
})

describe('loadSchema', () => {
  it('compiles draft-07 schemas as well as 2020-12', () => {
    const draft7 = compileSchema({$schema: 'http://json-schema.org/draft-07/schema#', type: 'object', required: ['a']})
    expect(schemaCheck({}, draft7)).toMatchObject([{code: 'missing-required'}])
  })

  it('treats an unloadable schema as a bug in batchctl, not a user error', () => {
    expect(() => loadSchema('/nonexistent/batch.schema.json')).toThrow(BugError)
  })
})

describe('alternatives given together', () => {
  it('reports an image with both a Docker context and a layered base as one conflict', () => {
    expect(check({name: 'a', image: {context: '.', base: 'python'}})).toEqual([
      {code: 'conflicting-keys', message: 'image sets "context" and "base"; set only one of them', path: ['image'], expected: 'exactly one of context, base'},
    ])
  })
})

describe('hints for YAML surprises', () => {
  const typed = compileSchema({type: 'object', properties: {enabled: {type: 'boolean'}, memory: {type: 'integer'}}})

  it('explains that yes/no are strings in YAML 1.2', () => {
    expect(schemaCheck({enabled: 'yes'}, typed)[0]?.hint).toBe('YAML 1.2 reads yes as text: write true or false')
  })

  it('suggests removing quotes around a number', () => {
    expect(schemaCheck({memory: '4096'}, typed)[0]?.hint).toBe('remove the quotes to make it a number')
    expect(schemaCheck({memory: 'lots'}, typed)[0]?.hint).toBeUndefined()
  })
})
