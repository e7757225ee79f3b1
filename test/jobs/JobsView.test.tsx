import {describe, expect, it} from 'vitest'

import type {FollowEvent} from '../../src/jobs/follow.js'
import {followReducer, initialFollowState, linesDrawn} from '../../src/ui/jobs/follow-state.js'
import {JobsView} from '../../src/ui/jobs/JobsView.js'
import {renderAt} from '../ui/render-at-width.js'

const stream = (i: number) => ({logGroup: '/aws/batch/job', logStreamName: `d/default/${i}`, jobId: `j:${i}`, label: `[${i}]`, attempt: 1})
const counts = (c: Partial<Record<string, number>>) => ({SUBMITTED: 0, PENDING: 0, RUNNABLE: 0, STARTING: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0, ...c})

function stateOf(events: FollowEvent[]) {
  return events.reduce((state, event) => followReducer(state, event, 1_000), initialFollowState())
}

describe('JobsView', () => {
  it('shows log lines above, then status, progress bar with counts, and failures with reasons', () => {
    const state = stateOf([
      {type: 'status', jobId: 'j', status: 'RUNNING'},
      {type: 'counts', jobId: 'j', counts: counts({SUCCEEDED: 5, FAILED: 1, RUNNING: 2, RUNNABLE: 2}), total: 10},
      {type: 'log', line: {stream: stream(0), timestamp: 0, message: 'hello from 0', eventId: 'a'}},
      {type: 'log', line: {stream: stream(3), timestamp: 0, message: 'hello from 3', eventId: 'b'}},
      {type: 'child-failed', jobId: 'j:4', label: '[4]', exitCode: 1, reason: 'Essential container in task exited'},
    ])
    const view = renderAt(<JobsView state={state} now={4_000} barWidth={10} />, 80)
    expect(view.lastFrame()).toBe(
      [
        '[0] hello from 0',
        '[3] hello from 3',
        '⠋ j RUNNING  3s',
        '██████░░░░ 6/10',
        'FAILED 1  SUCCEEDED 5  RUNNING 2  RUNNABLE 2',
        '✗ [4] failed (exit 1): Essential container in task exited',
      ].join('\n'),
    )
    view.unmount()
  })

  it('ends with the outcome and the reason of a failed job, counting failures beyond the limit', () => {
    const failures: FollowEvent[] = Array.from({length: 7}, (_, i) => ({type: 'child-failed', jobId: `j:${i}`, label: `[${i}]`}))
    const state = stateOf([
      {type: 'status', jobId: 'j', status: 'RUNNING'},
      ...failures,
      {type: 'done', job: {jobId: 'j', jobName: 'align', status: 'FAILED', logGroup: 'g', attempts: [], tags: {}}, status: 'FAILED', reason: 'Array Child Job failed'},
    ])
    const frame = renderAt(<JobsView state={state} now={1_000} maxFailures={2} />, 80).lastFrame()
    expect(frame.split('\n')).toEqual(['✗ align FAILED: Array Child Job failed  0s', '✗ 5 more failed children', '✗ [5] failed', '✗ [6] failed'])
  })
})

describe('followReducer and linesDrawn', () => {
  it('hands each line to the view once: drawn lines leave the state and the next batch gets a new key', () => {
    let state = stateOf([{type: 'log', line: {stream: stream(1), timestamp: 0, message: 'a', eventId: '1'}}])
    expect(state.lines.map((l) => l.message)).toEqual(['a'])
    state = linesDrawn(state)
    expect(state).toMatchObject({lines: [], batch: 1, lineCount: 1})
    state = followReducer(state, {type: 'log', line: {stream: stream(1), timestamp: 1, message: 'b', eventId: '2'}})
    expect(state.lines).toEqual([{key: 1, label: '[1]', timestamp: 1, message: 'b'}])
    expect(linesDrawn(linesDrawn(state)).batch).toBe(2)
  })

  it('draws batches one after the other without repeating a line', () => {
    let state = stateOf([{type: 'status', jobId: 'j', status: 'RUNNING'}])
    const view = renderAt(<JobsView state={state} now={0} />, 60)
    for (const [i, message] of ['one', 'two', 'three'].entries()) {
      state = followReducer(state, {type: 'log', line: {stream: stream(i), timestamp: i, message, eventId: message}})
      view.rerender(<JobsView state={state} now={0} />)
      state = linesDrawn(state)
    }
    view.rerender(<JobsView state={state} now={0} />)
    expect(view.lastFrame()).toBe(['[0] one', '[1] two', '[2] three', '⠋ j RUNNING  0s'].join('\n'))
    view.unmount()
  })
})
