import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {parseCommand, parseNumber, parseTimeFlag} from '../../src/jobs/submit-flags.js'
import {buildSubmitRequest, checkJobName, parseDependsOn, parsePairs} from '../../src/jobs/submit-request.js'

const container = {name: 'demo-align', revision: 3, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/demo-align:3', type: 'container' as const}
const multinode = {...container, name: 'mnp', arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/mnp:1', type: 'multinode' as const}

describe('buildSubmitRequest', () => {
  it('submits the resolved revision by ARN, with no override fields when none are asked for', () => {
    expect(buildSubmitRequest({definition: container, jobQueue: 'q', jobName: 'align'})).toEqual({jobName: 'align', jobQueue: 'q', jobDefinition: container.arn})
  })

  it('refuses --nodes for a container job and array sizes outside 2..10,000', () => {
    expect(() => buildSubmitRequest({definition: container, jobQueue: 'q', jobName: 'a', nodes: 2})).toThrow(UserError)
    expect(() => buildSubmitRequest({definition: container, jobQueue: 'q', jobName: 'a', arraySize: 10_001})).toThrow(/2 to 10,000/)
  })

  it('puts the resources of a multi-node job in nodePropertyOverrides for every node', () => {
    const request = buildSubmitRequest({definition: multinode, jobQueue: 'q', jobName: 'm', gpus: 1, command: ['x']})
    expect(request.containerOverrides).toBeUndefined()
    expect(request.nodeOverrides).toEqual({nodePropertyOverrides: [{targetNodes: '0:', containerOverrides: {command: ['x'], resourceRequirements: [{type: 'GPU', value: '1'}]}}]})
  })
})

describe('flag parsing', () => {
  it('splits KEY=VALUE at the first =', () => {
    expect(parsePairs(['a=1', 'b=x=y', 'c='], 'env')).toEqual({a: '1', b: 'x=y', c: ''})
    expect(() => parsePairs(['novalue'], 'env')).toThrow(/--env novalue: expected KEY=VALUE/)
  })

  it('reads dependency types and keeps array child ids whole', () => {
    expect(parseDependsOn(['abc', 'abc:SEQUENTIAL', 'abc:3', 'abc:3:N_TO_N'])).toEqual([
      {jobId: 'abc'},
      {jobId: 'abc', type: 'SEQUENTIAL'},
      {jobId: 'abc:3'},
      {jobId: 'abc:3', type: 'N_TO_N'},
    ])
  })

  it('takes a command as a JSON array or as words', () => {
    expect(parseCommand('["sh", "-c", "echo a b"]')).toEqual(['sh', '-c', 'echo a b'])
    expect(parseCommand(' python  run.py --x 1 ')).toEqual(['python', 'run.py', '--x', '1'])
    expect(() => parseCommand('[1, 2]')).toThrow(/JSON array of strings/)
  })

  it('reads durations before now and ISO dates', () => {
    const now = Date.parse('2026-01-31T12:00:00Z')
    expect(parseTimeFlag('10m', 'since', now)).toBe(now - 600_000)
    expect(parseTimeFlag('1.5h', 'since', now)).toBe(now - 5_400_000)
    expect(parseTimeFlag('2026-01-30T00:00:00Z', 'since', now)).toBe(Date.parse('2026-01-30T00:00:00Z'))
    expect(() => parseTimeFlag('yesterday', 'since', now)).toThrow(/--since yesterday/)
  })

  it('checks job names and numbers', () => {
    expect(checkJobName('align_2-x')).toBe('align_2-x')
    expect(() => checkJobName('-bad')).toThrow(UserError)
    expect(() => checkJobName('a'.repeat(129))).toThrow(UserError)
    expect(parseNumber('0.25', 'vcpus')).toBe(0.25)
    expect(() => parseNumber('-1', 'vcpus')).toThrow(/positive/)
  })
})
