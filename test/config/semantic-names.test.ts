import {describe, expect, it} from 'vitest'

import {nameRules, physicalName} from '../../src/config/physical-name.js'
import {checkWithRoles as checkSemantics} from './with-roles.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

describe('physicalName', () => {
  it('is <project>-<key>, or <project>-<env>-<key> with an environment', () => {
    expect(physicalName('genomics', undefined, 'default')).toBe('genomics-default')
    expect(physicalName('genomics', 'prod', 'default')).toBe('genomics-prod-default')
  })

  it('keeps AWS limits: 128 for Batch, 64 for schedules and rules, 80 for state machines', () => {
    expect(nameRules.jobQueue.maxLength).toBe(128)
    expect(nameRules.schedule.maxLength).toBe(64)
    expect(nameRules.rule.maxLength).toBe(64)
    expect(nameRules.stateMachine.maxLength).toBe(80)
  })
})

// Scheduler names: 1-64 of [0-9a-zA-Z-_.]+ — https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html
// State machine names: 1-80 characters — https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
describe('physical name checks', () => {
  const key40 = 'a'.repeat(40)
  const schedule = {rate: '1 hour', start: {workflow: 'w'}}
  const base = (extra: Partial<BatchConfig>): BatchConfig => ({
    project: 'genomics-pipeline',
    workflows: {w: {steps: [{name: 's', job: 'j', queue: 'q'}]}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    computeEnvironments: {c: {type: 'SPOT', maxvCpus: 1}},
    jobQueues: {q: {priority: 1, computeEnvironments: ['c']}},
    ...extra,
  })

  it('accepts a schedule name that fits 64 characters', () => {
    // genomics-pipeline- (18) + 40 = 58
    expect(checkSemantics(base({schedules: {[key40]: schedule}}), {baseDir: '.'})).toEqual([])
  })

  it('reports a schedule name that only overflows with the environment, at the key', () => {
    // genomics-pipeline-staging- (26) + 40 = 66 > 64
    const found = checkSemantics(base({schedules: {[key40]: schedule}}), {baseDir: '.', env: 'staging'})
    expect(found).toEqual([
      {
        code: 'name-too-long',
        path: ['schedules', key40],
        atKey: true,
        message: `Physical name "genomics-pipeline-staging-${key40}" in environment "staging" has 66 characters; EventBridge Scheduler CreateSchedule allows 64.`,
        expected: 'a key of at most 38 characters here',
        hint: 'shorten the key (or the project or environment name)',
      },
    ])
  })

  it('checks every declared environment when none is selected', () => {
    const found = checkSemantics(base({schedules: {[key40]: schedule}}), {baseDir: '.', environments: ['dev', 'staging']})
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('in environment "staging"')])
  })

  it('applies the rule limit to schedules in rule mode and to triggers', () => {
    const long = 'b'.repeat(50)
    const found = checkSemantics(base({triggers: {[long]: {event: {source: ['x']}, start: {workflow: 'w'}}}}), {baseDir: '.'})
    expect(found).toEqual([expect.objectContaining({code: 'name-too-long', path: ['triggers', long], message: expect.stringContaining('EventBridge PutRule')})])
  })

  it('lower-cases image repository names, which ECR requires', () => {
    expect(checkSemantics(base({images: {Worker: {context: '.'}}}), {baseDir: '.'})).toEqual([])
  })
})
