import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {validateFile} from '../../src/config/validate-file.js'
import {UserError} from '../../src/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'batchctl-validate-'))
let counter = 0
function write(content: string | Uint8Array): string {
  const path = join(dir, `batch-${counter++}.yaml`)
  writeFileSync(path, content)
  return path
}

const valid = [
  'project: genomics',
  'computeEnvironments:',
  '  spot:',
  '    type: SPOT',
  '    maxvCpus: ${env:MAX_VCPUS:-16}',
  '    subnets: [subnet-0abc1234]',
  '    securityGroups: [sg-0abc1234]',
  'jobQueues:',
  '  default: {priority: 1, computeEnvironments: [spot]}',
  '',
].join('\n')

const summarize = (path: string, vars: Record<string, string> = {}) =>
  validateFile(path, {vars}).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)

describe('validateFile', () => {
  it('returns the config, interpolated, when the file is valid', () => {
    const result = validateFile(write(valid), {vars: {MAX_VCPUS: '64'}})
    expect(result.diagnostics).toEqual([])
    expect(result.config?.computeEnvironments?.['spot']).toMatchObject({maxvCpus: 64})
  })

  it('interpolates before the schema check and reports at the original position', () => {
    expect(summarize(write(valid), {MAX_VCPUS: 'lots'})).toEqual(['5:15 wrong-type'])
  })

  it('reports an unset variable once, not again as a wrong type', () => {
    const path = write(valid.replace('${env:MAX_VCPUS:-16}', '${env:MAX_VCPUS}'))
    expect(summarize(path)).toEqual(['5:15 env-not-set'])
  })

  it('collects problems from several stages, sorted by position', () => {
    const text = valid
      .replace('  default: {priority: 1', '  default: {priority: high')
      .replace('    type: SPOT', '    type: SPOT\n    type: EC2')
      .replace('project: genomics', 'project: genomics\nregoin: us-east-1')
    expect(summarize(write(text))).toEqual(['2:1 unknown-key', '6:5 duplicate-key', '11:23 wrong-type'])
  })

  it('runs the semantic checks only once the schema passes', () => {
    const dangling = valid.replace('computeEnvironments: [spot]', 'computeEnvironments: [nowhere]')
    expect(summarize(write(dangling))).toHaveLength(1)
    expect(summarize(write(dangling.replace('priority: 1', 'priority: x')))).toEqual(['9:23 wrong-type'])
  })

  it('attaches a code frame pointing at the problem', () => {
    const [first] = validateFile(write(valid.replace('type: SPOT', 'type: SPOTT')), {vars: {}}).diagnostics
    expect(first?.frame.split('\n')).toEqual([
      '  2 | computeEnvironments:',
      '  3 |   spot:',
      '> 4 |     type: SPOTT',
      '    |           ^',
      '  5 |     maxvCpus: ${env:MAX_VCPUS:-16}',
    ])
  })

  it('throws a UserError for a missing file', () => {
    expect(() => validateFile(join(dir, 'missing.yaml'))).toThrow(UserError)
  })

  // Hostile input must come back as diagnostics, never as an exception or a hang.
  const fragments = [
    'project: x\n', 'a:', ' ', '  ', '\t', '[', ']', '{', '}', ',', '&a ', '*a ', '- ', '? ', '"', "'", '\n', '\r\n',
    '${env:X}', '$${', '<<: *a\n', ':', ': ', '#', '!Ref ', '!!binary ', '---\n', '...\n', '%YAML 1.2\n', '|\n', '>-\n',
    'computeEnvironments:\n', '  spot:\n', '    type: SPOT\n', 'environments:\n', '  prod: {}\n', '\u00e9', '\ud83d\ude00', '\u0000',
  ]
  const yamlish = fc.array(fc.constantFrom(...fragments), {maxLength: 60}).map((parts) => parts.join(''))

  it('turns any YAML-like text into diagnostics without throwing', () => {
    fc.assert(
      fc.property(yamlish, fc.constantFrom(undefined, 'prod', 'nope'), (text, env) => {
        const result = validateFile(write(text), {vars: {}, ...(env ? {env} : {})})
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1)
          expect(d.column).toBeGreaterThanOrEqual(1)
          expect(d.code).toMatch(/^[a-z0-9-]+$/)
          expect(d.message.length).toBeGreaterThan(0)
        }
        expect(result.config === undefined).toBe(result.diagnostics.length > 0)
      }),
      {numRuns: 300},
    )
  })

  it('turns arbitrary bytes into diagnostics without throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), (bytes) => {
        const result = validateFile(write(bytes), {vars: {}})
        expect(result.config === undefined).toBe(result.diagnostics.length > 0)
      }),
      {numRuns: 200},
    )
  })
})
