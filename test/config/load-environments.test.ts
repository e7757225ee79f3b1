import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {applyEnvironment, environmentNames} from '../../src/config/environments.js'
import {originalPath} from '../../src/config/parse-locate.js'
import {validateFile} from '../../src/config/validate-file.js'

const root = {
  project: 'genomics',
  region: 'us-east-1',
  computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 256, subnets: ['subnet-a', 'subnet-b']}},
  environments: {
    prod: {region: 'eu-west-1', computeEnvironments: {spot: {maxvCpus: 1024, subnets: ['subnet-p']}, extra: {type: 'FARGATE'}}},
    dev: {},
  },
}

describe('applyEnvironment', () => {
  it('returns the base sections without `environments` when no environment is chosen', () => {
    const {config, problems} = applyEnvironment(root, undefined)
    expect(problems).toEqual([])
    expect(config).toEqual({project: 'genomics', region: 'us-east-1', computeEnvironments: root.computeEnvironments})
  })

  it('merges mappings key by key and replaces scalars and lists', () => {
    const {config} = applyEnvironment(root, 'prod')
    expect(config).toEqual({
      project: 'genomics',
      region: 'eu-west-1',
      computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 1024, subnets: ['subnet-p']}, extra: {type: 'FARGATE'}},
    })
  })

  it('does not change its input', () => {
    const before = JSON.stringify(root)
    applyEnvironment(root, 'prod')
    expect(JSON.stringify(root)).toBe(before)
  })

  it('records where every overridden value was written', () => {
    const {origins} = applyEnvironment(root, 'prod')
    expect(originalPath(['region'], origins)).toEqual(['environments', 'prod', 'region'])
    expect(originalPath(['computeEnvironments', 'spot', 'subnets', 0], origins)).toEqual(['environments', 'prod', 'computeEnvironments', 'spot', 'subnets', 0])
    expect(originalPath(['computeEnvironments', 'extra', 'type'], origins)).toEqual(['environments', 'prod', 'computeEnvironments', 'extra', 'type'])
    // Not overridden: stays where the base wrote it.
    expect(originalPath(['computeEnvironments', 'spot', 'type'], origins)).toEqual(['computeEnvironments', 'spot', 'type'])
  })

  it('reports an unknown environment and lists the known ones', () => {
    const {problems} = applyEnvironment(root, 'staging')
    expect(problems).toEqual([
      {code: 'unknown-environment', message: 'unknown environment "staging"', expected: 'one of prod, dev', path: ['environments'], atKey: true},
    ])
    expect(environmentNames(root)).toEqual(['prod', 'dev'])
  })

  it('adds a "__proto__" key as data instead of changing the prototype', () => {
    const hostile = JSON.parse('{"project": "x", "environments": {"prod": {"__proto__": {"polluted": true}}}}') as Record<string, unknown>
    const {config} = applyEnvironment(hostile, 'prod')
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('validateFile with --env', () => {
  const text = [
    'project: genomics', //                  1
    'computeEnvironments:', //               2
    '  spot:', //                            3
    '    type: SPOT', //                     4
    '    maxvCpus: 256', //                  5
    '    subnets: [subnet-0abc1234]', //     6
    '    securityGroups: [sg-0abc1234]', //  7
    'schedules:', //                         8
    '  nightly:', //                         9
    '    cron: "0 2 * * ? *"', //            10
    '    submit: {job: align, queue: q}', // 11
    'jobDefinitions:', //                    12
    '  align: {image: "python:3.12"}', //    13
    'jobQueues: {q: {priority: 1, computeEnvironments: [spot]}}', // 14
    'environments:', //                      15
    '  prod:', //                            16
    '    computeEnvironments:', //           17
    '      spot:', //                        18
    '        maxvCpus: 2048', //             19
    '    schedules:', //                     20
    '      nightly:', //                     21
    '        rate: 1 hour', //               22
    '  dev:', //                             23
    '    computeEnvironments:', //           24
    '      spot: {maxvCpus: 8}', //          25
    'defaults: {scheduleRole: "arn:aws:iam::123456789012:role/scheduler"}', // 26
    '',
  ].join('\n')
  const file = join(mkdtempSync(join(tmpdir(), 'batchctl-env-')), 'batch.yaml')
  writeFileSync(file, text)

  it('validates the merged result and returns it', () => {
    const result = validateFile(file, {env: 'dev', vars: {}})
    expect(result.diagnostics).toEqual([])
    expect(result.config?.computeEnvironments?.['spot']).toMatchObject({type: 'SPOT', maxvCpus: 8})
    expect(result.config).not.toHaveProperty('environments')
  })

  it('finds problems that only the combination has, at the base entry they concern', () => {
    const result = validateFile(file, {env: 'prod', vars: {}})
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['9:3 conflicting-keys'])
  })

  it('without --env checks every environment too, naming the one with the problem', () => {
    const result = validateFile(file, {vars: {}})
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '9:3 conflicting-keys schedules.nightly sets "cron" and "rate"; set only one of them (in environment prod)',
    ])
    expect(result.config).toBeUndefined()
  })

  it('without --env reports which environments it checked when all are valid', () => {
    const fine = join(mkdtempSync(join(tmpdir(), 'batchctl-env-')), 'batch.yaml')
    writeFileSync(fine, text.replace('        rate: 1 hour', '        enabled: false'))
    const result = validateFile(fine, {vars: {}})
    expect(result.diagnostics).toEqual([])
    expect(result.environments).toEqual(['prod', 'dev'])
    expect(result.config?.schedules?.['nightly']).not.toHaveProperty('enabled')
  })

  it('reports an unknown --env at the environments key', () => {
    const result = validateFile(file, {env: 'qa', vars: {}})
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.expected}`)).toEqual(['15:1 unknown-environment one of prod, dev'])
  })

  it('points a problem in a merged value at the environment block that wrote it', () => {
    const withBadQueue = text.replace('        rate: 1 hour', '        submit: {job: align, queue: nope}')
    const other = join(mkdtempSync(join(tmpdir(), 'batchctl-env-')), 'batch.yaml')
    writeFileSync(other, withBadQueue)
    const result = validateFile(other, {env: 'prod', vars: {}})
    // The dangling reference is found by the semantic checks on the merged config; line 22 is
    // `        submit: {job: align, queue: nope}` inside environments.prod.
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.includes('nope')}`)).toEqual(['22:37 true'])
    // Without --env the same problem is found through the check of every environment.
    const all = validateFile(other, {vars: {}})
    expect(all.diagnostics.map((d) => `${d.line}:${d.column} ${d.message.endsWith('(in environment prod)')}`)).toEqual(['22:37 true'])
  })
})
