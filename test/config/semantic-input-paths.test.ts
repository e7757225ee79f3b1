import {describe, expect, it} from 'vitest'

import {checkWithRoles as checkSemantics} from './with-roles.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

// Input paths: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
function config(extra: Partial<BatchConfig>): BatchConfig {
  return {
    project: 'p',
    defaults: {queue: 'q'},
    computeEnvironments: {c: {type: 'SPOT', maxvCpus: 8}},
    jobQueues: {q: {priority: 1, computeEnvironments: ['c']}},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    workflows: {w: {steps: [{name: 's', job: 'j'}]}},
    ...extra,
  }
}
const check = (extra: Partial<BatchConfig>) => checkSemantics(config(extra), {baseDir: '.'})

describe('input paths', () => {
  it('accepts JSONPaths into the event and the execution input, and literals anywhere', () => {
    expect(
      check({
        triggers: {t: {event: {source: ['aws.s3']}, submit: {job: 'j', parameters: {key: '$.detail.object.key', bucket: "$.detail['bucket-name']", first: '$.resources[0]', mode: 'full'}}}},
        workflows: {w: {steps: [{name: 's', job: 'j', parameters: {sample: '$.sample', kind: 'wgs'}}]}},
        schedules: {s: {rate: '1 day', start: {workflow: 'w', input: {sample: 'NA12878'}}}},
      }),
    ).toEqual([])
  })

  it('reports a malformed path at its value', () => {
    expect(check({triggers: {t: {event: {source: ['x']}, start: {workflow: 'w', input: {nested: {key: '$.detail..key'}}}}}})).toEqual([
      expect.objectContaining({code: 'invalid-input-path', path: ['triggers', 't', 'start', 'input', 'nested', 'key'], message: '"$.detail..key" is not a JSONPath into the event.'}),
    ])
    expect(check({workflows: {w: {steps: [{name: 's', job: 'j', parameters: {x: '$sample'}}]}}})).toEqual([
      expect.objectContaining({code: 'invalid-input-path', path: ['workflows', 'w', 'steps', 0, 'parameters', 'x']}),
    ])
  })

  it('reports a JSONPath in a schedule, which has no event', () => {
    expect(check({schedules: {s: {rate: '1 day', submit: {job: 'j', parameters: {key: '$.detail.object.key'}}}}})).toEqual([
      expect.objectContaining({code: 'input-path-in-schedule', path: ['schedules', 's', 'submit', 'parameters', 'key']}),
    ])
  })
})
