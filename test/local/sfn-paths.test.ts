import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {callIntrinsic} from '../../src/local/services/sfn/interpreter/intrinsics.js'
import {pathExists, readPath, setPath, tryPath} from '../../src/local/services/sfn/interpreter/json-path.js'
import {applyTemplate} from '../../src/local/services/sfn/interpreter/payload.js'
import {StatesError} from '../../src/local/services/sfn/interpreter/states-error.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/)
const json = fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value)) as unknown)

describe('JSONPath subset', () => {
  it('reads members, indexes (also negative), quoted keys, wildcards and the context object', () => {
    const input = {a: {b: [10, 20, {c: 'x'}]}, 'odd key': 1, list: [{n: 1}, {n: 2}]}
    const context = {Execution: {Name: 'run-1'}}
    expect(readPath('$.a.b[0]', input, context, 'InputPath')).toBe(10)
    expect(readPath('$.a.b[-1].c', input, context, 'InputPath')).toBe('x')
    expect(readPath("$['odd key']", input, context, 'InputPath')).toBe(1)
    expect(readPath('$.list[*].n', input, context, 'InputPath')).toEqual([1, 2])
    expect(readPath('$$.Execution.Name', input, context, 'InputPath')).toBe('run-1')
    expect(readPath('$', input, context, 'InputPath')).toBe(input)
    expect(tryPath('$.a.missing', input, context)).toBeUndefined()
    expect(pathExists('$.a.b[2]', input, context)).toBe(true)
    expect(pathExists('$.a.b[3]', input, context)).toBe(false)
    expect(() => readPath('$.nope', input, context, 'OutputPath')).toThrowError(StatesError)
  })

  it('puts a value at any member path and reads it back, without touching the input', () => {
    fc.assert(
      fc.property(fc.dictionary(key, json), fc.array(key, {minLength: 1, maxLength: 4}), json, (input, keys, value) => {
        const before = JSON.stringify(input)
        const path = `$.${keys.join('.')}`
        // A member name cannot be set on an array met on the way: the path does not apply.
        let node: unknown = input
        for (const k of keys) {
          if (Array.isArray(node)) {
            expect(() => setPath(input, path, value)).toThrowError(StatesError)
            return
          }
          node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined
        }
        const output = setPath(input, path, value)
        expect(readPath(path, output, {}, 'ResultPath')).toEqual(value)
        expect(JSON.stringify(input)).toBe(before)
      }),
    )
  })

  it('refuses a member name on an array met on the way (found by the property above)', () => {
    expect(() => setPath({l: []}, '$.l.a', {})).toThrowError(StatesError)
    expect(setPath({l: [1]}, '$.l[0]', 2)).toEqual({l: [2]})
  })

  it('replaces the whole input at ResultPath $', () => {
    fc.assert(
      fc.property(json, json, (input, value) => {
        expect(setPath(input, '$', value)).toEqual(value)
      }),
    )
  })
})

describe('intrinsic functions', () => {
  it('States.Format puts any string through a placeholder unchanged, and honours escapes in the template', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, literal) => {
        const escaped = literal.replace(/[\\'{}]/g, (c) => `\\${c}`)
        expect(callIntrinsic(`States.Format('${escaped}{}', $.v)`, {v: value}, {}, 'Parameters')).toBe(literal + value)
      }),
    )
  })

  it('States.StringToJson inverts States.JsonToString', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = callIntrinsic('States.JsonToString($.v)', {v: value}, {}, 'Parameters')
        expect(callIntrinsic('States.StringToJson($.s)', {s: text}, {}, 'Parameters')).toEqual(value)
      }),
    )
  })

  it('evaluates nested calls and the array helpers', () => {
    const input = {items: [1, 2, 2, 3], n: 2}
    expect(callIntrinsic('States.ArrayLength(States.ArrayUnique($.items))', input, {}, 'P')).toBe(3)
    expect(callIntrinsic('States.ArrayPartition($.items, $.n)', input, {}, 'P')).toEqual([
      [1, 2],
      [2, 3],
    ])
    expect(callIntrinsic('States.ArrayRange(1, 9, 4)', input, {}, 'P')).toEqual([1, 5, 9])
    expect(callIntrinsic('States.ArrayContains($.items, 3)', input, {}, 'P')).toBe(true)
    expect(callIntrinsic('States.ArrayGetItem($.items, 3)', input, {}, 'P')).toBe(3)
    expect(callIntrinsic("States.StringSplit('a,b;c', ',;')", input, {}, 'P')).toEqual(['a', 'b', 'c'])
    expect(callIntrinsic('States.MathAdd($.n, -5)', input, {}, 'P')).toBe(-3)
    expect(callIntrinsic("States.Base64Decode(States.Base64Encode('hé'))", input, {}, 'P')).toBe('hé')
    expect(callIntrinsic("States.Hash('abc', 'SHA-256')", input, {}, 'P')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(callIntrinsic('States.UUID()', input, {}, 'P')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('fails with States.IntrinsicFailure on bad calls', () => {
    for (const call of ["States.Format('{}')", 'States.ArrayGetItem($.items, 9)', 'States.Nope(1)', "States.StringToJson('{')"]) {
      expect(() => callIntrinsic(call, {items: [1]}, {}, 'P'), call).toThrowError(expect.objectContaining({error: 'States.IntrinsicFailure'}))
    }
  })
})

describe('payload templates', () => {
  it('replaces .$ keys by paths or intrinsic results and copies everything else, at any depth', () => {
    const template = {'a.$': '$.x', nested: [{'b.$': "States.Format('{}!', $.x)", c: 'lit'}], 'ctx.$': '$$.Map.Item.Index'}
    expect(applyTemplate(template, {x: 'hi'}, {Map: {Item: {Index: 4}}}, 'Parameters')).toEqual({a: 'hi', nested: [{b: 'hi!', c: 'lit'}], ctx: 4})
  })
})
