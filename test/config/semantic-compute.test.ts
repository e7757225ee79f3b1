import {describe, expect, it} from 'vitest'

import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig, ComputeEnvironment} from '../../src/config/types.generated.js'

const check = (c: BatchConfig) => checkSemantics(c, {baseDir: '.'})
const withQueue = (ces: Record<string, ComputeEnvironment>, queue: string[]): BatchConfig => ({
  project: 'p',
  computeEnvironments: ces,
  jobQueues: {q: {priority: 1, computeEnvironments: queue}},
})
const withCe = (ce: ComputeEnvironment): BatchConfig => ({project: 'p', computeEnvironments: {ce}})

// Queue limits: https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html
// ("up to three compute environments"; "can't mix" Fargate and EC2 in one queue).
describe('job queues', () => {
  const ces: Record<string, ComputeEnvironment> = {
    a: {type: 'SPOT', maxvCpus: 8},
    b: {type: 'EC2', maxvCpus: 8},
    c: {type: 'SPOT', maxvCpus: 8},
    d: {type: 'EC2', maxvCpus: 8},
    f: {type: 'FARGATE', maxvCpus: 8},
    fs: {type: 'FARGATE_SPOT', maxvCpus: 8},
  }

  it('accepts up to three environments of one platform', () => {
    expect(check(withQueue(ces, ['a', 'b', 'c']))).toEqual([])
    expect(check(withQueue(ces, ['fs', 'f']))).toEqual([])
  })

  it('reports a fourth environment at its position', () => {
    expect(check(withQueue(ces, ['a', 'b', 'c', 'd']))).toEqual([
      expect.objectContaining({code: 'too-many-compute-environments', path: ['jobQueues', 'q', 'computeEnvironments', 3], message: expect.stringContaining('lists 4')}),
    ])
  })

  it('reports mixing Fargate and EC2 at the first environment of the other kind', () => {
    expect(check(withQueue(ces, ['fs', 'a']))).toEqual([
      expect.objectContaining({
        code: 'mixed-compute-environments',
        path: ['jobQueues', 'q', 'computeEnvironments', 1],
        message: 'Job queue "q" mixes SPOT compute environment "a" with FARGATE_SPOT "fs".',
        expected: 'only FARGATE or FARGATE_SPOT environments',
      }),
    ])
  })
})

// Fields per type: https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html
describe('compute environments', () => {
  it('accepts typical managed Fargate, EC2 and SPOT environments and an unmanaged one', () => {
    expect(check(withCe({type: 'FARGATE_SPOT', maxvCpus: 64, subnets: ['subnet-1'], securityGroups: ['sg-1']}))).toEqual([])
    expect(check(withCe({type: 'EC2', maxvCpus: 64, minvCpus: 0, desiredvCpus: 4, instanceTypes: ['c6i'], allocationStrategy: 'BEST_FIT_PROGRESSIVE', placementGroup: 'pg'}))).toEqual([])
    expect(check(withCe({type: 'SPOT', maxvCpus: 64, bidPercentage: 60, allocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED'}))).toEqual([])
    expect(check(withCe({type: 'EC2', managed: false, unmanagedvCpus: 32}))).toEqual([])
  })

  it.each([
    ['instanceTypes on Fargate', {type: 'FARGATE', maxvCpus: 8, instanceTypes: ['optimal']}, 'unsupported-field', 'instanceTypes'],
    ['placementGroup on Fargate Spot', {type: 'FARGATE_SPOT', maxvCpus: 8, placementGroup: 'pg'}, 'unsupported-field', 'placementGroup'],
    ['bidPercentage on EC2', {type: 'EC2', maxvCpus: 8, bidPercentage: 50}, 'unsupported-field', 'bidPercentage'],
    ['a Spot strategy on EC2', {type: 'EC2', maxvCpus: 8, allocationStrategy: 'SPOT_CAPACITY_OPTIMIZED'}, 'invalid-allocation-strategy', 'allocationStrategy'],
    ['maxvCpus on an unmanaged environment', {type: 'EC2', managed: false, maxvCpus: 8}, 'unsupported-field', 'maxvCpus'],
    ['unmanagedvCpus on a managed environment', {type: 'EC2', maxvCpus: 8, unmanagedvCpus: 8}, 'unsupported-field', 'unmanagedvCpus'],
    ['minvCpus above maxvCpus', {type: 'EC2', maxvCpus: 8, minvCpus: 16}, 'invalid-vcpu-range', 'minvCpus'],
    ['desiredvCpus above maxvCpus', {type: 'EC2', maxvCpus: 8, desiredvCpus: 9}, 'invalid-vcpu-range', 'desiredvCpus'],
  ] as Array<[string, ComputeEnvironment, string, string]>)('reports %s', (_what, ce, code, field) => {
    expect(check(withCe(ce))).toEqual([expect.objectContaining({code, path: ['computeEnvironments', 'ce', field]})])
  })

  it('requires maxvCpus on a managed environment', () => {
    expect(check(withCe({type: 'SPOT'}))).toEqual([expect.objectContaining({code: 'missing-max-vcpus', path: ['computeEnvironments', 'ce'], atKey: true})])
  })
})
