import {describe, expect, it} from 'vitest'

import {projectQueues} from '../../src/status/project-queues.js'
import {emptyCounts} from '../../src/status/snapshot.js'
import {formatAge, statusText, unlistedRunning} from '../../src/status/status-text.js'
import {queueOf, snapshotOf} from './builders.js'

describe('statusText (piped output)', () => {
  it('prints each queue with counts, running jobs and recent failures as plain lines', () => {
    const T = 10_000_000
    const text = statusText(
      snapshotOf(
        [
          queueOf({
            counts: {...emptyCounts(), RUNNING: 1, FAILED: 1},
            running: [{jobId: 'aaaaaaaa-1', jobName: 'align', status: 'RUNNING', startedAt: T - 3_725_000}],
            failures: [{jobId: 'bbbbbbbb-2', jobName: 'big', arraySize: 100, progress: {FAILED: 3, SUCCEEDED: 97}, statusReason: 'Array Child Job failed'}],
          }),
          queueOf({key: 'gpu', name: 'genomics-gpu'}),
        ],
        T,
      ),
    )
    expect(text).toBe(
      [
        'queue default (genomics-default)',
        '  SUBMITTED 0  PENDING 0  RUNNABLE 0  STARTING 0  RUNNING 1  SUCCEEDED 0  FAILED 1',
        '  running:',
        '    align  aaaaaaaa  RUNNING  1h02m',
        '  recent failures:',
        '    big  bbbbbbbb  3/100 children failed  Array Child Job failed',
        'queue gpu (genomics-gpu)',
        '  SUBMITTED 0  PENDING 0  RUNNABLE 0  STARTING 0  RUNNING 0  SUCCEEDED 0  FAILED 0',
        '',
      ].join('\n'),
    )
  })

  it('says how many running jobs are counted but not listed', () => {
    const queue = queueOf({counts: {...emptyCounts(), RUNNING: 25, STARTING: 1, PENDING: 1}, running: [
      {jobId: 'p', jobName: 'arr', status: 'PENDING', arraySize: 2, progress: {RUNNING: 2}},
      ...Array.from({length: 20}, (_, i) => ({jobId: `r${i}`, jobName: 'job', status: 'RUNNING' as const})),
    ]})
    expect(unlistedRunning(queue)).toBe(6)
    expect(statusText(snapshotOf([queue]))).toContain('    … 6 more running\n')
  })

  it('formats ages compactly', () => {
    expect([formatAge(-5), formatAge(59_999), formatAge(60_000), formatAge(86_399_000), formatAge(90_000_000)]).toEqual(['0s', '59s', '1m00s', '23h59m', '1d01h'])
  })
})

describe('projectQueues', () => {
  const config = {project: 'genomics', jobQueues: {default: {}, gpu: {}}} as never
  it('names every queue as apply does, with the environment', () => {
    expect(projectQueues(config, 'prod')).toEqual([
      {key: 'default', name: 'genomics-prod-default'},
      {key: 'gpu', name: 'genomics-prod-gpu'},
    ])
    expect(projectQueues(config, undefined, 'gpu')).toEqual([{key: 'gpu', name: 'genomics-gpu'}])
  })
  it('refuses an unknown --queue with the closest key', () => {
    expect(() => projectQueues(config, undefined, 'gpus')).toThrow(/no job queue gpus/)
    try {
      projectQueues(config, undefined, 'gpus')
    } catch (error) {
      expect((error as {hints: string[]}).hints[0]).toContain('did you mean gpu?')
    }
  })
})
