import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ConfigInvalidError, loadConfig} from '../../src/config/load-config.js'
import {UserError} from '../../src/errors.js'

const text = [
  'project: genomics',
  'computeEnvironments:',
  '  spot: {type: FARGATE, maxvCpus: 4, subnets: [subnet-0abc1234], securityGroups: [sg-0abc1234]}',
  'jobQueues:',
  '  default: {priority: 1, computeEnvironments: [spot]}',
  'environments:',
  '  prod: {region: eu-west-1}',
  '',
].join('\n')

function write(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'batchctl-load-')), 'batch.yaml')
  writeFileSync(path, content)
  return path
}

describe('loadConfig', () => {
  it('returns the effective config with where it came from', () => {
    const file = write(text)
    const loaded = loadConfig(file, {env: 'prod', vars: {}})
    expect(loaded.config).toMatchObject({project: 'genomics', region: 'eu-west-1'})
    expect(loaded.baseDir).toBe(join(file, '..'))
    expect(loaded.env).toBe('prod')
  })

  it('throws a ConfigInvalidError carrying every diagnostic and the rendered report', () => {
    const file = write(text.replace('priority: 1', 'priority: one').replace('type: FARGATE', 'type: LAMBDA'))
    let caught: unknown
    try {
      loadConfig(file, {vars: {}})
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigInvalidError)
    expect(caught).toBeInstanceOf(UserError)
    const error = caught as ConfigInvalidError
    expect(error.code).toBe('config-invalid')
    expect(error.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:16 invalid-value', '5:23 wrong-type'])
    expect(error.message).toContain(`${file}:5:23: error[wrong-type]`)
    expect(error.message.split('\n').at(-1)).toBe(`2 errors in ${file}`)
  })
})
