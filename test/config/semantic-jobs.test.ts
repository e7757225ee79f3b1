import {describe, expect, it} from 'vitest'

import {fargateMemoryFor} from '../../src/config/semantic/fargate-sizes.js'
import {resolveJobPlatform} from '../../src/config/semantic/index.js'
import {checkWithRoles as checkSemantics} from './with-roles.js'
import {parseTargetNodes} from '../../src/config/semantic/multi-node.js'
import type {BatchConfig, JobDefinition} from '../../src/config/types.generated.js'

const IMAGE = 'public.ecr.aws/docker/library/python:3.12-slim'

/** Queues: `ec2` (EC2 On-Demand), `spot` (SPOT), `fargate` (FARGATE). */
function config(jobs: Record<string, JobDefinition>, uses: Array<{job: string; queue: string; arraySize?: number}> = []): BatchConfig {
  return {
    project: 'p',
    defaults: {executionRole: 'arn:aws:iam::123456789012:role/exec'},
    computeEnvironments: {
      ec2: {type: 'EC2', maxvCpus: 64},
      spot: {type: 'SPOT', maxvCpus: 64},
      fargate: {type: 'FARGATE', maxvCpus: 16},
    },
    jobQueues: {
      ec2: {priority: 1, computeEnvironments: ['ec2']},
      spot: {priority: 1, computeEnvironments: ['spot']},
      fargate: {priority: 1, computeEnvironments: ['fargate']},
    },
    jobDefinitions: jobs,
    schedules: Object.fromEntries(uses.map((submit, i) => [`s${i}`, {rate: '1 hour', submit}])),
  }
}
const check = (c: BatchConfig) => checkSemantics(c, {baseDir: '.'})

// Fargate sizes: https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html
describe('Fargate vCPU and memory', () => {
  it('knows the table', () => {
    expect(fargateMemoryFor(0.25)).toEqual([512, 1024, 2048])
    expect(fargateMemoryFor(0.5)).toEqual([1024, 2048, 3072, 4096])
    expect(fargateMemoryFor(4)).toHaveLength(23) // 8192..30720 by 1024
    expect(fargateMemoryFor(8)).toEqual([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440])
    expect(fargateMemoryFor(16).at(-1)).toBe(122880)
    expect(fargateMemoryFor(3)).toEqual([])
  })

  it.each([
    [0.25, 512],
    [1, 2048],
    [2, 16384],
    [16, 32768],
  ])('accepts %s vCPU with %s MiB', (vcpus, memory) => {
    expect(check(config({j: {image: IMAGE, platform: 'FARGATE', vcpus, memory}}))).toEqual([])
  })

  it.each([
    [0.25, 4096, 'memory', 'with 0.25 vCPU: 512, 1024, 2048', '4096 MiB fits vcpus 0.5 or 1 or 2'],
    [1, 1024, 'memory', 'with 1 vCPU: 2048-8192 MiB in steps of 1024', '1024 MiB fits vcpus 0.25 or 0.5'],
    [8, 18432, 'memory', 'with 8 vCPU: 16384-61440 MiB in steps of 4096', '18432 MiB fits vcpus 4'],
    [3, 8192, 'vcpus', 'one of 0.25, 0.5, 1, 2, 4, 8, 16', 'with memory 8192 use vcpus 1 or 2 or 4'],
  ])('rejects %s vCPU with %s MiB', (vcpus, memory, field, expected, hint) => {
    const found = check(config({j: {image: IMAGE, platform: 'FARGATE', vcpus, memory}}))
    expect(found).toEqual([{code: 'fargate-resources', path: ['jobDefinitions', 'j', field], message: expect.any(String), expected, ...(hint ? {hint} : {})}])
  })

  it('requires both vcpus and memory on Fargate, and rejects GPUs', () => {
    expect(check(config({j: {image: IMAGE, platform: 'FARGATE', vcpus: 1}}))).toEqual([expect.objectContaining({code: 'fargate-resources', path: ['jobDefinitions', 'j']})])
    expect(check(config({j: {image: IMAGE, platform: 'FARGATE', vcpus: 1, memory: 2048, gpus: 1}}))).toEqual([
      expect.objectContaining({code: 'fargate-unsupported', path: ['jobDefinitions', 'j', 'gpus'], atKey: true}),
    ])
  })

  it('takes the platform from the queue when the job names none', () => {
    const c = config({j: {image: IMAGE, vcpus: 1, memory: 1024}}, [{job: 'j', queue: 'fargate'}])
    expect(resolveJobPlatform(c, 'j')).toBe('FARGATE')
    expect(check(c)).toEqual([expect.objectContaining({code: 'fargate-resources', path: ['jobDefinitions', 'j', 'memory']})])
    // The same sizes are fine on EC2, where any memory goes.
    expect(check(config({j: {image: IMAGE, vcpus: 1, memory: 1024}}, [{job: 'j', queue: 'spot'}]))).toEqual([])
  })
})

describe('job platform vs queue', () => {
  it('reports a Fargate job submitted to an EC2 queue', () => {
    const c = config({j: {image: IMAGE, platform: 'FARGATE', vcpus: 1, memory: 2048}}, [{job: 'j', queue: 'spot'}])
    expect(check(c)).toEqual([expect.objectContaining({code: 'platform-mismatch', path: ['schedules', 's0', 'submit', 'queue'], message: 'Job "j" runs on FARGATE but queue "spot" has EC2 compute environments.'})])
  })

  it('reports a job used on both platforms at the second use', () => {
    const c = config({j: {image: IMAGE, vcpus: 1, memory: 2048}}, [
      {job: 'j', queue: 'fargate'},
      {job: 'j', queue: 'ec2'},
    ])
    expect(check(c)).toEqual([expect.objectContaining({code: 'platform-mismatch', path: ['schedules', 's1', 'submit', 'queue']})])
  })

  it('reports Fargate settings on an EC2 job', () => {
    expect(check(config({j: {image: IMAGE, platform: 'EC2', fargate: {assignPublicIp: true}}}))).toEqual([
      expect.objectContaining({code: 'platform-mismatch', path: ['jobDefinitions', 'j', 'fargate']}),
    ])
  })
})

describe('multi-node jobs', () => {
  const mnp = (nodes: NonNullable<JobDefinition['nodes']>, extra: Partial<JobDefinition> = {}): JobDefinition => ({image: IMAGE, vcpus: 8, memory: 32768, nodes, ...extra})

  it('accepts ranges that cover every node once, on an EC2 queue', () => {
    const c = config({t: mnp({count: 4, main: 0, ranges: [{targetNodes: '0'}, {targetNodes: '1:2'}, {targetNodes: '3:'}]})}, [{job: 't', queue: 'ec2'}])
    expect(check(c)).toEqual([])
  })

  it.each([
    ['0:3', 4, {start: 0, end: 3}],
    [':2', 4, {start: 0, end: 2}],
    ['1:', 4, {start: 1, end: 3}],
    ['2', 4, {start: 2, end: 2}],
    ['a:b', 4, undefined],
    [':', 4, undefined],
  ])('parses targetNodes %s', (text, count, range) => {
    expect(parseTargetNodes(text, count)).toEqual(range)
  })

  it('reports overlapping, out-of-range and missing nodes', () => {
    const found = check(config({t: mnp({count: 6, ranges: [{targetNodes: '0:2'}, {targetNodes: '2:3'}, {targetNodes: '5:7'}]})}))
    expect(found.map((d) => [d.code, d.path.slice(2).join('.'), d.message])).toEqual([
      ['multi-node-ranges', 'nodes.ranges.1.targetNodes', 'Node range "2:3" of job "t" overlaps range "0:2" at node 2.'],
      ['multi-node-ranges', 'nodes.ranges.2.targetNodes', 'Node range "5:7" of job "t" goes past its last node 5.'],
      ['multi-node-ranges', 'nodes.ranges', 'Node ranges of job "t" leave nodes 4-5 without a range.'],
    ])
  })

  it('reports a main node outside the nodes', () => {
    expect(check(config({t: mnp({count: 2, main: 2})}))).toEqual([expect.objectContaining({code: 'multi-node-main', path: ['jobDefinitions', 't', 'nodes', 'main']})])
  })

  it.each(['spot', 'fargate'])('reports a multi-node job on the %s queue', (queue) => {
    const found = check(config({t: mnp({count: 2})}, [{job: 't', queue}]))
    expect(found.filter((d) => d.code === 'multi-node-platform')).toEqual([expect.objectContaining({path: ['schedules', 's0', 'submit', 'queue']})])
  })

  it('reports platform FARGATE and array submissions of multi-node jobs', () => {
    expect(check(config({t: mnp({count: 2}, {platform: 'FARGATE'})})).map((d) => d.code)).toContain('multi-node-platform')
    expect(check(config({t: mnp({count: 2})}, [{job: 't', queue: 'ec2', arraySize: 10}]))).toEqual([
      expect.objectContaining({code: 'multi-node-array', path: ['schedules', 's0', 'submit', 'arraySize']}),
    ])
  })
})

describe('job definition settings', () => {
  const noRole = (job: JobDefinition): BatchConfig => ({...config({j: job}), defaults: {}})

  it('requires an execution role for Fargate jobs and for secrets, from the job or defaults', () => {
    const fargate = {image: IMAGE, platform: 'FARGATE' as const, vcpus: 1, memory: 2048}
    expect(check(noRole(fargate))).toEqual([expect.objectContaining({code: 'missing-execution-role', path: ['jobDefinitions', 'j'], message: expect.stringContaining('runs on Fargate')})])
    expect(check(noRole({...fargate, executionRole: 'arn:aws:iam::123456789012:role/exec'}))).toEqual([])
    expect(check(noRole({image: IMAGE, secrets: {TOKEN: '/app/token'}}))).toEqual([expect.objectContaining({code: 'missing-execution-role', message: expect.stringContaining('reads `secrets`')})])
    expect(check(noRole({image: IMAGE}))).toEqual([])
  })

  it('requires transit encryption for EFS access points and IAM, and unique volume names', () => {
    const found = check(
      config({
        j: {
          image: IMAGE,
          volumes: [
            {name: 'a', efs: {fileSystemId: 'fs-1', accessPointId: 'fsap-1'}},
            {name: 'a', efs: {fileSystemId: 'fs-1', iam: true, transitEncryption: true}},
            {name: 'b', efs: {fileSystemId: 'fs-1'}, hostPath: '/mnt'},
          ],
        },
      }),
    )
    expect(found.map((d) => [d.code, d.path.slice(2).join('.')])).toEqual([
      ['efs-needs-encryption', 'volumes.0.efs'],
      ['duplicate-volume', 'volumes.1.name'],
      ['conflicting-volume', 'volumes.2.hostPath'],
    ])
  })
})

describe('array sizes', () => {
  it.each([2, 10_000])('accepts %s', (arraySize) => {
    expect(check(config({j: {image: IMAGE}}, [{job: 'j', queue: 'spot', arraySize}]))).toEqual([])
  })
  it.each([1, 10_001])('rejects %s', (arraySize) => {
    expect(check(config({j: {image: IMAGE}}, [{job: 'j', queue: 'spot', arraySize}]))).toEqual([
      expect.objectContaining({code: 'array-size', path: ['schedules', 's0', 'submit', 'arraySize'], expected: 'an integer from 2 to 10000'}),
    ])
  })
  it('checks workflow steps too', () => {
    const c = config({j: {image: IMAGE}})
    c.workflows = {w: {steps: [{name: 'a', job: 'j', queue: 'spot', arraySize: 20_000}]}}
    expect(check(c)).toEqual([expect.objectContaining({code: 'array-size', path: ['workflows', 'w', 'steps', 0, 'arraySize']})])
  })
})
