import {describe, expect, it} from 'vitest'

import {RULE_SHARE_HINT} from '../../src/config/semantic/rule-targets.js'
import type {BatchConfig, SubmitTarget} from '../../src/config/types.generated.js'
import {checkWithRoles} from './with-roles.js'

// A rule's Batch target cannot pass a share identifier: BatchParameters has only JobDefinition,
// JobName, ArrayProperties and RetryStrategy
// (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html), and the
// input is read only for Parameters and ContainerOverrides
// (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html). SubmitJob requires
// shareIdentifier on a queue with a scheduling policy
// (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html).
function config(where: {trigger?: SubmitTarget; rule?: SubmitTarget; scheduler?: SubmitTarget}, defaults: BatchConfig['defaults'] = {}): BatchConfig {
  return {
    project: 'p',
    defaults,
    computeEnvironments: {ec2: {type: 'EC2', maxvCpus: 8}},
    schedulingPolicies: {teams: {shareDistribution: [{shareIdentifier: 'research'}]}},
    jobQueues: {fair: {priority: 1, computeEnvironments: ['ec2'], schedulingPolicy: 'teams'}, fifo: {priority: 1, computeEnvironments: ['ec2']}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    ...(where.trigger === undefined ? {} : {triggers: {t: {event: {source: ['aws.s3']}, submit: where.trigger}}}),
    schedules: {
      ...(where.rule === undefined ? {} : {r: {rate: '1 day', mode: 'rule' as const, submit: where.rule}}),
      ...(where.scheduler === undefined ? {} : {s: {rate: '1 day', submit: where.scheduler}}),
    },
  }
}
const check = (c: BatchConfig) => checkWithRoles(c, {baseDir: '.'})

describe('rule targets and fair share', () => {
  it('accepts rules submitting to a FIFO queue, and a Scheduler schedule with a share identifier on a fair-share queue', () => {
    expect(check(config({trigger: {job: 'j', queue: 'fifo'}, rule: {job: 'j', queue: 'fifo'}, scheduler: {job: 'j', queue: 'fair', shareIdentifier: 'research'}}))).toEqual([])
    // defaults.shareIdentifier serves the Scheduler schedule; the rules on the FIFO queue just do not send it.
    expect(check(config({trigger: {job: 'j', queue: 'fifo'}, rule: {job: 'j', queue: 'fifo'}, scheduler: {job: 'j', queue: 'fair'}}, {shareIdentifier: 'research'}))).toEqual([])
  })

  it('refuses a trigger on a fair-share queue at its queue key, instead of asking for a share identifier', () => {
    expect(check(config({trigger: {job: 'j', queue: 'fair'}}))).toEqual([
      {
        code: 'rule-fair-share-queue',
        path: ['triggers', 't', 'submit', 'queue'],
        atKey: true,
        message: 'Trigger "t" submits "j" to queue "fair", which uses fair-share policy "teams": Batch needs a share identifier there, and an EventBridge rule cannot pass one.',
        expected: 'a queue without `schedulingPolicy`',
        hint: RULE_SHARE_HINT,
      },
    ])
  })

  it('refuses a mode: rule schedule on the fair-share defaults.queue at its submit key, even with defaults.shareIdentifier', () => {
    const found = check(config({rule: {job: 'j'}}, {queue: 'fair', shareIdentifier: 'research'}))
    expect(found).toEqual([
      expect.objectContaining({
        code: 'rule-fair-share-queue',
        path: ['schedules', 'r', 'submit'],
        atKey: true,
        message: expect.stringContaining('queue "fair" (`defaults.queue`)') as string,
        hint: RULE_SHARE_HINT,
      }),
    ])
    expect(found[0]!.message).toContain('`defaults.shareIdentifier` does not reach it')
  })

  it('refuses shareIdentifier and schedulingPriority on a rule, at those keys, on any queue', () => {
    const found = check(config({trigger: {job: 'j', queue: 'fair', shareIdentifier: 'research', schedulingPriority: 5}, rule: {job: 'j', queue: 'fifo', shareIdentifier: 'research'}}))
    expect(found.map((d) => [d.code, d.path, d.atKey, d.hint])).toEqual([
      ['rule-share-identifier', ['triggers', 't', 'submit', 'shareIdentifier'], true, RULE_SHARE_HINT],
      ['rule-scheduling-priority', ['triggers', 't', 'submit', 'schedulingPriority'], true, RULE_SHARE_HINT],
      ['rule-share-identifier', ['schedules', 'r', 'submit', 'shareIdentifier'], true, RULE_SHARE_HINT],
    ])
  })

  it('leaves Scheduler-mode schedules to the fair-share check, which still asks them for a share identifier', () => {
    expect(check(config({scheduler: {job: 'j', queue: 'fair'}})).map((d) => [d.code, d.path])).toEqual([['missing-share-identifier', ['schedules', 's', 'submit']]])
  })

  it('does not mind a trigger that starts a workflow', () => {
    const c = config({})
    c.workflows = {w: {steps: [{name: 'a', job: 'j', queue: 'fair', shareIdentifier: 'research'}]}}
    c.triggers = {t: {event: {source: ['aws.s3']}, start: {workflow: 'w'}}}
    expect(check(c)).toEqual([])
  })
})
