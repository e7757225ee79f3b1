import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {interpolateDocument} from '../../src/config/interpolate-env.js'
import {documentValue, parseYaml} from '../../src/config/parse-yaml.js'

function expand(text: string, vars: Record<string, string | undefined>) {
  const {source} = parseYaml('batch.yaml', text)
  const result = interpolateDocument(source.doc, source.text, vars)
  const problems = result.problems.map((p) => {
    const {line, col} = source.lineCounter.linePos(p.offset)
    return {at: `${line}:${col}`, code: p.code, message: p.message}
  })
  return {value: documentValue(source).value as Record<string, unknown>, problems}
}

describe('${env:NAME} interpolation', () => {
  it('replaces references inside string values', () => {
    const {value, problems} = expand('image: "${env:REGISTRY}/worker:${env:TAG}"\n', {REGISTRY: 'ecr.example', TAG: 'v1'})
    expect(problems).toEqual([])
    expect(value).toEqual({image: 'ecr.example/worker:v1'})
  })

  it('uses the default when the variable is unset or empty', () => {
    const {value} = expand('a: ${env:UNSET:-one}\nb: ${env:EMPTY:-two}\nc: ${env:SET:-three}\nd: "${env:UNSET:-}"\n', {EMPTY: '', SET: 'set'})
    expect(value).toEqual({a: 'one', b: 'two', c: 'set', d: ''})
  })

  it('reports a missing variable without default at the reference itself', () => {
    const {problems} = expand('project: x\nregion: "eu-${env:ZONE}-1"\n', {})
    expect(problems).toEqual([{at: '2:13', code: 'env-not-set', message: 'environment variable ZONE is not set'}])
  })

  it('reports each missing reference in one value at its own column', () => {
    const {problems} = expand('x: ${env:A}-${env:B}\n', {})
    expect(problems.map((p) => p.at)).toEqual(['1:4', '1:13'])
  })

  it('treats $${ as a literal ${ and leaves other ${...} (shell variables) alone', () => {
    const {value, problems} = expand("a: $${env:HOME}\nb: 'echo ${HOME} $${x}'\n", {HOME: '/root'})
    expect(problems).toEqual([])
    expect(value).toEqual({a: '${env:HOME}', b: 'echo ${HOME} ${x}'})
  })

  it('reports malformed references', () => {
    const {problems} = expand('a: ${env:9LIVES}\nb: "${env:OPEN"\nc: ${env:}\n', {})
    expect(problems.map((p) => `${p.at} ${p.code}`)).toEqual(['1:4 bad-interpolation', '2:5 bad-interpolation', '3:4 bad-interpolation'])
  })

  it('gives a plain scalar that is exactly one reference the type of its expansion; quoted stays a string', () => {
    const {value} = expand('a: ${env:N}\nb: "${env:N}"\nc: ${env:T}\nd: x${env:N}\n', {N: '256', T: 'true'})
    expect(value).toEqual({a: 256, b: '256', c: true, d: 'x256'})
  })

  it('does not interpret expanded YAML syntax', () => {
    const {value} = expand('a: ${env:V}\n', {V: '{b: 1}'})
    expect(value).toEqual({a: '{b: 1}'})
  })

  it('never touches keys, and expands an anchored value once for all its aliases', () => {
    const {value} = expand('${env:K}: 1\nbase: &b "${env:V}"\nuse: *b\n', {K: 'key', V: 'v'})
    expect(value).toEqual({'${env:K}': 1, base: 'v', use: 'v'})
  })
})

describe('${env:...} in flow collections', () => {
  it('explains that the reference must be quoted when the YAML parser trips over it', () => {
    const {problems} = parseYaml('batch.yaml', 'project: x\nsubnets: [${env:SUBNET}]\n')
    expect(problems).toMatchObject([{code: 'yaml-syntax', hint: expect.stringContaining('"${env:NAME}"')}])
  })
})

describe('interpolation properties', () => {
  it('puts any variable value verbatim into a quoted string', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme', maxLength: 40}), fc.string({maxLength: 10}), (variable, around) => {
        const safe = around.replace(/[\\"$]/g, '')
        const {value, problems} = expand(`a: "${safe}\${env:V}${safe}"\n`, {V: variable})
        if (variable === '') {
          expect(problems.map((p) => p.code)).toEqual(['env-not-set'])
        } else {
          expect(problems).toEqual([])
          expect(value['a']).toBe(`${safe}${variable}${safe}`)
        }
      }),
      {numRuns: 300},
    )
  })
})
