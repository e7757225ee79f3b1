import {describe, expect, it} from 'vitest'
import type {AnyResource} from '../../src/model/index.js'
import {plan, type CreateChange, type ReplaceChange} from '../../src/plan/index.js'
import {computeEnvironment, jobDefinition, jobQueue, liveImage, liveOf, model, snapshot} from './builders.js'

describe('what a change carries for apply', () => {
  it('a create carries the normalized spec, desiredvCpus included, and every tag to write', () => {
    const ce = {...computeEnvironment('spot', {desiredvCpus: 8}), tags: {team: 'x'}}
    const change = plan(model([ce], 'prod'), snapshot([])).changes[0] as CreateChange
    expect(change.desired.spec).toMatchObject({state: 'ENABLED', computeResources: {desiredvCpus: 8, minvCpus: 0}})
    expect(change.tags).toEqual({
      team: 'x',
      'batchctl:project': 'genomics',
      'batchctl:env': 'prod',
      'batchctl:logical-name': 'spot',
      'batchctl:spec-hash': change.specHash,
    })
    expect(change.specHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('the spec hash does not depend on how batch.yaml ordered keys or set-like lists', () => {
    const a = computeEnvironment('spot', {subnets: ['s-1', 's-2'], instanceTypes: ['c5', 'm5']})
    const b = computeEnvironment('spot', {instanceTypes: ['m5', 'c5'], subnets: ['s-2', 's-1']})
    const hash = (r: AnyResource) => (plan(model([r]), snapshot([])).changes[0] as CreateChange).specHash
    expect(hash(a)).toBe(hash(b))
    expect(hash(a)).not.toBe(hash(computeEnvironment('spot', {subnets: ['s-1']})))
  })

  it('names maps every desired resource to its physical name after apply', () => {
    const m = model([computeEnvironment('spot'), jobQueue('default', ['spot']), jobDefinition('align')])
    const live = liveImage(model([computeEnvironment('spot')]))
    live.resources[0]!.physicalName = 'genomics-spot-0123abcd'
    expect(plan(m, live).names).toEqual({
      'batch.computeEnvironment/spot': 'genomics-spot-0123abcd',
      'batch.jobQueue/default': 'genomics-default',
      'batch.jobDefinition/align': 'genomics-align',
    })
  })

  it('keepRevisions 0 deregisters every older ACTIVE revision', () => {
    const live = liveOf(jobDefinition('align'), {revision: 2})
    live.revisions = [
      {revision: 2, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-align:2', status: 'ACTIVE'},
      {revision: 1, arn: 'arn:aws:batch:us-east-1:123456789012:job-definition/genomics-align:1', status: 'ACTIVE'},
    ]
    const change = plan(model([jobDefinition('align', {command: ['new']})]), snapshot([live]), {keepRevisions: 0}).changes[0]
    expect(change?.action === 'update' && change.deregisterRevisions?.map((r) => r.revision)).toEqual([2, 1])
  })

  it('moving a CE off an infrastructure-update allocation strategy replaces it', () => {
    const live = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT_PROGRESSIVE'})
    const desired = computeEnvironment('spot', {type: 'EC2', allocationStrategy: 'BEST_FIT'})
    const change = plan(model([desired]), snapshot([liveOf(live)])).changes[0] as ReplaceChange
    expect(change.action).toBe('replace')
    expect(change.forcedBy).toEqual(['computeResources.allocationStrategy'])
  })
})
