import {describe, expect, it} from 'vitest'

import {offsetOfPath, locatePath, originalPath, originKey} from '../../src/config/parse-locate.js'
import {MAX_DEPTH, documentValue, parseYaml} from '../../src/config/parse-yaml.js'
import type {ParsedSource} from '../../src/config/parse-yaml.js'

function lineCol(source: ParsedSource, offset: number): string {
  const {line, col} = source.lineCounter.linePos(offset)
  return `${line}:${col}`
}

function problemsOf(text: string): string[] {
  const {source, problems} = parseYaml('batch.yaml', text)
  return problems.map((p) => `${lineCol(source, p.offset)} ${p.code}`)
}

describe('parseYaml', () => {
  it('parses a mapping without problems', () => {
    const result = parseYaml('batch.yaml', 'project: x\nregion: us-east-1\n')
    expect(result.problems).toEqual([])
    expect(result.fatal).toBe(false)
  })

  it('reports every syntax error, each on its own line, and marks the document untrustworthy', () => {
    const result = parseYaml('batch.yaml', 'a: [1, 2\nb: {c: 1\nd: ok\n')
    expect(problemsOf('a: [1, 2\nb: {c: 1\nd: ok\n')).toEqual(['2:1 bad-indent', '3:1 bad-indent'])
    expect(result.fatal).toBe(true)
  })

  it('names a duplicate key and keeps going (the rest of the file can still be checked)', () => {
    const result = parseYaml('batch.yaml', 'project: x\n"region": a\nregion: b\n')
    expect(result.problems).toMatchObject([{code: 'duplicate-key', message: 'duplicate key "region" (first defined on line 2)'}])
    expect(lineCol(result.source, result.problems[0]!.offset)).toBe('3:1')
    expect(result.fatal).toBe(false)
  })

  it('reports tabs used for indentation', () => {
    expect(problemsOf('a:\n\tb: 1\n')[0]).toBe('2:1 tab-indent')
  })

  it('reports an empty file and a file of comments as empty', () => {
    expect(problemsOf('')).toEqual(['1:1 empty-file'])
    expect(problemsOf('# only a comment\n\n')).toEqual(['1:1 empty-file'])
  })

  it('refuses a top level that is not a mapping', () => {
    const result = parseYaml('batch.yaml', '\n- a\n- b\n')
    expect(result.problems).toMatchObject([{code: 'not-a-mapping', message: expect.stringContaining('a list')}])
    expect(lineCol(result.source, result.problems[0]!.offset)).toBe('2:1')
    expect(result.fatal).toBe(true)
  })

  it(`refuses nesting deeper than ${MAX_DEPTH} levels, in flow and in block style`, () => {
    const flow = `a: ${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}\n`
    expect(problemsOf(flow)).toEqual([`1:${4 + MAX_DEPTH - 1} too-deep`])
    const block = Array.from({length: MAX_DEPTH + 2}, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'
    expect(problemsOf(block)[0]).toMatch(/too-deep$/)
    const shallow = `a: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\n`
    expect(problemsOf(shallow)).toEqual([])
  })

  it('survives nesting far deeper than the parser can recurse', () => {
    const result = parseYaml('batch.yaml', `a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`)
    expect(result.fatal).toBe(true)
    expect(result.problems[0]!.code).toBe('too-deep')
  })

  it('reports unknown tags such as CloudFormation !Ref', () => {
    const result = parseYaml('batch.yaml', 'project: x\nregion: !Ref AWS::Region\n')
    expect(result.problems).toMatchObject([{code: 'unknown-tag', message: 'unknown YAML tag !Ref'}])
  })
})

describe('documentValue', () => {
  it('builds the value, merging `<<` keys', () => {
    const {source} = parseYaml('batch.yaml', 'base: &b {a: 1}\nuse:\n  <<: *b\n  c: 2\n')
    expect(documentValue(source).value).toEqual({base: {a: 1}, use: {a: 1, c: 2}})
  })

  it('stops an alias bomb and points at the first alias', () => {
    let text = 'a: &a [x, x, x, x, x, x, x, x, x]\n'
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) {
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`
    }
    const {source} = parseYaml('batch.yaml', text)
    const built = documentValue(source)
    expect(built.value).toBeUndefined()
    expect(built.problem?.code).toBe('alias-limit')
    expect(lineCol(source, built.problem!.offset)).toBe('2:8')
  })
})

describe('offsetOfPath', () => {
  const text = [
    'project: x', //                           1
    'computeEnvironments:', //                 2
    '  spot:', //                              3
    '    type: SPOT', //                       4
    '    subnets: [a, b]', //                  5
    '  empty:', //                             6
    'jobQueues:', //                           7
    '  q: {priority: 1}', //                   8
    'shared: &s', //                           9
    '  memory: 1', //                          10
    'jobDefinitions:', //                      11
    '  j:', //                                 12
    '    <<: *s', //                           13
    '    image: x', //                         14
    '',
  ].join('\n')
  const {source} = parseYaml('batch.yaml', text)
  const at = (path: Array<string | number>, atKey = false) => lineCol(source, offsetOfPath(source.doc, path, atKey))

  it('points at scalar values', () => {
    expect(at(['computeEnvironments', 'spot', 'type'])).toBe('4:11')
    expect(at(['computeEnvironments', 'spot', 'subnets', 1])).toBe('5:18')
    expect(at(['jobQueues', 'q', 'priority'])).toBe('8:17')
  })

  it('points at the key when asked', () => {
    expect(at(['computeEnvironments', 'spot', 'type'], true)).toBe('4:5')
  })

  it('points at the key of a block mapping or an empty value', () => {
    expect(at(['computeEnvironments', 'spot'])).toBe('3:3')
    expect(at(['computeEnvironments', 'empty'])).toBe('6:3')
  })

  it('points at the opening of a flow collection', () => {
    expect(at(['computeEnvironments', 'spot', 'subnets'])).toBe('5:14')
    expect(at(['jobQueues', 'q'])).toBe('8:6')
  })

  it('stops at the deepest existing node for a missing property (the parent)', () => {
    expect(at(['computeEnvironments', 'spot', 'maxvCpus'])).toBe('3:3')
    expect(at(['jobQueues', 'nope', 'priority'])).toBe('7:1')
  })

  it('puts the top level at its first key', () => {
    expect(at([])).toBe('1:1')
  })

  it('finds keys that arrived through a `<<` merge where they are written', () => {
    expect(at(['jobDefinitions', 'j', 'memory'])).toBe('10:11')
    expect(at(['jobDefinitions', 'j', 'image'])).toBe('14:12')
  })
})

describe('origins', () => {
  it('rewrites a path through the longest recorded prefix', () => {
    const origins = new Map([[originKey(['computeEnvironments', 'spot', 'subnets']), ['environments', 'prod', 'computeEnvironments', 'spot', 'subnets']]])
    expect(originalPath(['computeEnvironments', 'spot', 'subnets', 0], origins)).toEqual(['environments', 'prod', 'computeEnvironments', 'spot', 'subnets', 0])
    expect(originalPath(['computeEnvironments', 'spot', 'type'], origins)).toEqual(['computeEnvironments', 'spot', 'type'])
  })

  it('locates a diagnostic with line, column and a frame', () => {
    const {source} = parseYaml('x/batch.yaml', 'project: x\nregion: nowhere\n')
    const located = locatePath(source, {code: 'invalid-value', message: 'bad region', path: ['region']})
    expect(located).toMatchObject({file: 'x/batch.yaml', line: 2, column: 9, code: 'invalid-value'})
    expect(located.frame).toContain('> 2 | region: nowhere')
  })
})

describe('parseYaml on an unclosed quote', () => {
  it('points at the opening quote, not at the end of the file where the parser noticed', () => {
    const {source, problems} = parseYaml('batch.yaml', 'project: x\nregion: "us-east-1\ncomputeEnvironments: {}\n')
    expect(problems.map((p) => `${lineCol(source, p.offset)} ${p.message}`)).toEqual(['2:9 this quoted string is never closed'])
  })
})

describe('parseYaml on garbage', () => {
  it('stops after 100 YAML errors and says so last', () => {
    const text = Array.from({length: 300}, (_, i) => `k${i}: [a\n`).join('')
    const {source, problems} = parseYaml('batch.yaml', text)
    expect(problems).toHaveLength(101)
    expect(problems.at(-1)).toMatchObject({code: 'too-many-errors'})
    expect(problems.at(-1)!.offset).toBe(problems.at(-2)!.offset)
    expect(lineCol(source, problems[0]!.offset)).toMatch(/^[12]:/)
  })
})
