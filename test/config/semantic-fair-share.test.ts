import {describe, expect, it} from 'vitest'

import {checkWithRoles as checkSemantics} from './with-roles.js'
import type {BatchConfig, SubmitTarget} from '../../src/config/types.generated.js'

// shareIdentifier: "If the job queue has a fair-share scheduling policy, then this parameter must be
// specified"; "Don't specify this parameter if the job queue doesn't have a fair-share scheduling
// policy." — https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
// Overlapping identifiers (UserA* and UserA1) — https://docs.aws.amazon.com/batch/latest/APIReference/API_ShareAttributes.html
function config(submit: SubmitTarget, defaults: BatchConfig['defaults'] = {}): BatchConfig {
  return {
    project: 'p',
    defaults,
    computeEnvironments: {ec2: {type: 'EC2', maxvCpus: 8}},
    schedulingPolicies: {teams: {shareDistribution: [{shareIdentifier: 'research'}, {shareIdentifier: 'adhoc*'}]}},
    jobQueues: {fair: {priority: 1, computeEnvironments: ['ec2'], schedulingPolicy: 'teams'}, fifo: {priority: 1, computeEnvironments: ['ec2']}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    schedules: {s: {rate: '1 day', submit}},
  }
}
const check = (c: BatchConfig) => checkSemantics(c, {baseDir: '.'})

describe('fair share', () => {
  it('accepts a share identifier on a fair-share queue, from the submission or defaults', () => {
    expect(check(config({job: 'j', queue: 'fair', shareIdentifier: 'research'}))).toEqual([])
    expect(check(config({job: 'j', queue: 'fair'}, {shareIdentifier: 'adhoc1'}))).toEqual([])
    expect(check(config({job: 'j', queue: 'fifo'}))).toEqual([])
  })

  it('reports a fair-share submission without identifier, listing the weighted ones', () => {
    expect(check(config({job: 'j', queue: 'fair'}))).toEqual([
      {
        code: 'missing-share-identifier',
        path: ['schedules', 's', 'submit'],
        atKey: true,
        message: 'Queue "fair" uses fair-share policy "teams", so submitting "j" needs a `shareIdentifier`.',
        expected: '`shareIdentifier` here or `defaults.shareIdentifier`',
        hint: 'identifiers weighted by "teams": research, adhoc',
      },
    ])
  })

  it('reports a share identifier on a FIFO queue', () => {
    expect(check(config({job: 'j', queue: 'fifo', shareIdentifier: 'research'}))).toEqual([
      expect.objectContaining({code: 'unexpected-share-identifier', path: ['schedules', 's', 'submit', 'shareIdentifier']}),
    ])
  })

  it.each([
    [['team', 'team'], 'Share identifier "team" overlaps "team"'],
    [['team*', 'team1'], 'Share identifier "team1" overlaps "team*"'],
    [['team1', 'team*'], 'Share identifier "team*" overlaps "team1"'],
    [['te*', 'team*'], 'Share identifier "team*" overlaps "te*"'],
  ])('reports overlapping identifiers %j', (ids, message) => {
    const c = config({job: 'j', queue: 'fifo'})
    c.schedulingPolicies = {teams: {shareDistribution: ids.map((shareIdentifier) => ({shareIdentifier}))}}
    expect(check(c)).toEqual([expect.objectContaining({code: 'overlapping-share-identifiers', path: ['schedulingPolicies', 'teams', 'shareDistribution', 1, 'shareIdentifier'], message: expect.stringContaining(message)})])
  })

  it('accepts distinct identifiers and prefixes', () => {
    const c = config({job: 'j', queue: 'fifo'})
    c.schedulingPolicies = {teams: {shareDistribution: [{shareIdentifier: 'team1'}, {shareIdentifier: 'team2'}, {shareIdentifier: 'ops*'}, {shareIdentifier: 'dev*'}]}}
    expect(check(c)).toEqual([])
  })
})
