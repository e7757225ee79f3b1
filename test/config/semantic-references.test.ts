import {describe, expect, it} from 'vitest'

import {checkWithRoles as checkSemantics} from './with-roles.js'
import {closest} from '../../src/config/semantic/did-you-mean.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

const context = {baseDir: '/nonexistent'}

function config(): BatchConfig {
  return {
    project: 'genomics',
    images: {worker: {context: './worker'}},
    computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 256}},
    schedulingPolicies: {fair: {shareDecaySeconds: 3600}},
    jobQueues: {default: {priority: 10, computeEnvironments: ['spot'], schedulingPolicy: 'fair'}},
    jobDefinitions: {
      align: {image: 'worker', vcpus: 2, memory: 4096, volumes: [{name: 'refs', efs: {fileSystemId: 'fs-0abc'}}], mountPoints: [{sourceVolume: 'refs', containerPath: '/refs'}]},
      busy: {image: 'public.ecr.aws/docker/library/busybox:latest'},
    },
    schedules: {nightly: {cron: '0 2 * * ? *', submit: {job: 'align', queue: 'default', shareIdentifier: 'lab'}}},
    triggers: {upload: {event: {source: ['aws.s3']}, start: {workflow: 'pipeline'}}},
    workflows: {pipeline: {steps: [{name: 'a', job: 'align', queue: 'default', shareIdentifier: 'lab'}]}},
  }
}

describe('references', () => {
  it('accepts a config whose references all resolve', () => {
    expect(checkSemantics(config(), context)).toEqual([])
  })

  it('reports a queue naming a missing compute environment, with the closest key as hint', () => {
    const c = config()
    c.jobQueues!.default!.computeEnvironments = ['spto']
    expect(checkSemantics(c, context)).toEqual([
      {
        code: 'dangling-reference',
        path: ['jobQueues', 'default', 'computeEnvironments', 0],
        message: 'Compute environment "spto" is not defined under `computeEnvironments`.',
        expected: 'a key of `computeEnvironments`',
        hint: 'did you mean "spot"?',
      },
    ])
  })

  it('lists the defined keys when nothing is close', () => {
    const c = config()
    c.jobQueues!.default!.schedulingPolicy = 'priority-based'
    const [d] = checkSemantics(c, context)
    expect(d).toMatchObject({path: ['jobQueues', 'default', 'schedulingPolicy'], hint: 'defined under `schedulingPolicies`: fair'})
  })

  it.each([
    ['job → image key', (c: BatchConfig) => (c.jobDefinitions!.align!.image = 'wroker'), ['jobDefinitions', 'align', 'image'], 'did you mean "worker"?'],
    ['schedule → job', (c: BatchConfig) => (c.schedules!.nightly!.submit!.job = 'algin'), ['schedules', 'nightly', 'submit', 'job'], 'did you mean "align"?'],
    ['schedule → queue', (c: BatchConfig) => (c.schedules!.nightly!.submit!.queue = 'defualt'), ['schedules', 'nightly', 'submit', 'queue'], 'did you mean "default"?'],
    ['trigger → workflow', (c: BatchConfig) => (c.triggers!.upload!.start!.workflow = 'pipline'), ['triggers', 'upload', 'start', 'workflow'], 'did you mean "pipeline"?'],
    ['step → job', (c: BatchConfig) => (c.workflows!.pipeline!.steps![0]!.job = 'aling'), ['workflows', 'pipeline', 'steps', 0, 'job'], 'did you mean "align"?'],
    ['defaults.queue', (c: BatchConfig) => (c.defaults = {queue: 'defaults'}), ['defaults', 'queue'], 'did you mean "default"?'],
    ['mount point → volume', (c: BatchConfig) => (c.jobDefinitions!.align!.mountPoints![0]!.sourceVolume = 'ref'), ['jobDefinitions', 'align', 'mountPoints', 0, 'sourceVolume'], 'did you mean "refs"?'],
  ])('reports a dangling %s', (_what, mutate, path, hint) => {
    const c = config()
    mutate(c)
    const found = checkSemantics(c, context)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({code: 'dangling-reference', path, hint})
  })

  it('treats a bare word that is no images key as a mistake, suggesting a full public reference', () => {
    const c = config()
    c.jobDefinitions!.busy!.image = 'busybox'
    expect(checkSemantics(c, context)).toEqual([
      expect.objectContaining({
        code: 'dangling-reference',
        path: ['jobDefinitions', 'busy', 'image'],
        message: expect.stringContaining('"busybox"'),
        hint: 'for a public image write the full reference, e.g. "public.ecr.aws/docker/library/busybox:latest"',
      }),
    ])
  })

  it('reports a submission without queue when there is no defaults.queue, and accepts it with one', () => {
    const c = config()
    delete c.schedules!.nightly!.submit!.queue
    expect(checkSemantics(c, context)).toEqual([expect.objectContaining({code: 'missing-queue', path: ['schedules', 'nightly', 'submit']})])
    c.defaults = {queue: 'default'}
    expect(checkSemantics(c, context)).toEqual([])
  })
})

describe('closest', () => {
  it('suggests only plausible typos', () => {
    expect(closest('maxCpus', ['maxvCpus', 'minvCpus'])).toBe('maxvCpus')
    expect(closest('gpu-queue', ['default', 'spot'])).toBeUndefined()
    expect(closest('x', [])).toBeUndefined()
  })
})
