import {describe, expect, it} from 'vitest'

import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

// Each of these needs a role AWS assumes: CreateSchedule Target.RoleArn (required) —
// https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html; a rule's Batch or
// Step Functions target needs RoleArn — https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html;
// CreateStateMachine roleArn (required) — https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
const ROLE = 'arn:aws:iam::123456789012:role/r'

function config(defaults: BatchConfig['defaults'] = {queue: 'q'}): BatchConfig {
  return {
    project: 'p',
    defaults,
    computeEnvironments: {c: {type: 'SPOT', maxvCpus: 8}},
    jobQueues: {q: {priority: 1, computeEnvironments: ['c']}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    schedules: {nightly: {rate: '1 day', submit: {job: 'j', queue: 'q'}}, hourly: {rate: '1 hour', mode: 'rule', submit: {job: 'j', queue: 'q'}}},
    triggers: {upload: {event: {source: ['aws.s3']}, start: {workflow: 'w'}}},
    workflows: {w: {steps: [{name: 's', job: 'j'}]}},
  }
}

describe('roles', () => {
  it('reports every schedule, trigger and workflow without a role or a default, at its key', () => {
    const found = checkSemantics(config(), {baseDir: '.'}).filter((d) => d.code === 'missing-role')
    expect(found.map((d) => [d.path.join('.'), d.atKey])).toEqual([
      ['schedules.nightly', true],
      ['schedules.hourly', true],
      ['triggers.upload', true],
      ['workflows.w', true],
    ])
    expect(found[0]?.hint).toContain('defaults.scheduleRole')
    expect(found[2]?.hint).toContain('defaults.triggerRole')
    expect(found[3]?.hint).toContain('defaults.workflowRole')
  })

  it('accepts roles from defaults', () => {
    const c = config({queue: 'q', scheduleRole: ROLE, triggerRole: ROLE, workflowRole: ROLE})
    expect(checkSemantics(c, {baseDir: '.'})).toEqual([])
  })

  it('accepts a role on each entry instead', () => {
    const c = config()
    c.schedules!['nightly']!.role = ROLE
    c.schedules!['hourly']!.role = ROLE
    c.triggers!['upload']!.role = ROLE
    c.workflows!['w']!.role = ROLE
    expect(checkSemantics(c, {baseDir: '.'})).toEqual([])
  })
})
