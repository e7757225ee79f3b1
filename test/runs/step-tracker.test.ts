import {describe, expect, it} from 'vitest'

import type {HistoryEvent} from '../../src/runs/executions-api.js'
import {stepLayout, StepTracker} from '../../src/runs/step-tracker.js'

const definition = JSON.stringify({
  StartAt: 'Prepare',
  States: {
    Fan: {Type: 'Map', Iterator: {StartAt: 'Inner', States: {Inner: {Type: 'Task', Resource: 'x', End: true}}}, Next: 'Done'},
    Prepare: {Type: 'Task', Resource: 'x', Next: 'Fan', Retry: [{ErrorEquals: ['States.ALL']}]},
    Done: {Type: 'Succeed'},
  },
})

/** A history as Step Functions writes it: a retried task, a Map of two iterations, success. */
function history(): HistoryEvent[] {
  const events: Array<Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp'>> = [
    {type: 'ExecutionStarted'},
    {type: 'TaskStateEntered', name: 'Prepare'},
    {type: 'TaskScheduled'},
    {type: 'TaskStarted'},
    {type: 'TaskSubmitted', output: JSON.stringify({JobId: 'job-1', JobName: 'prepare'})},
    {type: 'TaskFailed', error: 'States.TaskFailed', cause: 'exit 1'},
    {type: 'TaskScheduled'},
    {type: 'TaskStarted'},
    {type: 'TaskSubmitted', output: JSON.stringify({JobId: 'job-2', JobName: 'prepare'})},
    {type: 'TaskSucceeded'},
    {type: 'TaskStateExited', name: 'Prepare'},
    {type: 'MapStateEntered', name: 'Fan'},
    {type: 'MapStateStarted', length: 2},
    {type: 'MapIterationStarted', name: 'Fan', index: 0},
    {type: 'TaskStateEntered', name: 'Inner'},
    {type: 'TaskSubmitted', output: JSON.stringify({JobId: 'job-3'})},
    {type: 'TaskStateExited', name: 'Inner'},
    {type: 'MapIterationSucceeded', name: 'Fan', index: 0},
    {type: 'MapIterationStarted', name: 'Fan', index: 1},
    {type: 'TaskStateEntered', name: 'Inner'},
    {type: 'TaskFailed', error: 'E', cause: 'c'},
    {type: 'TaskStateExited', name: 'Inner'},
    {type: 'MapIterationSucceeded', name: 'Fan', index: 1},
    {type: 'MapStateSucceeded'},
    {type: 'MapStateExited', name: 'Fan'},
    {type: 'SucceedStateEntered', name: 'Done'},
    {type: 'SucceedStateExited', name: 'Done'},
    {type: 'ExecutionSucceeded'},
  ]
  return events.map((e, i) => ({...e, id: i + 1, ...(i > 0 ? {previousEventId: i} : {}), timestamp: 1000 + i}))
}

describe('StepTracker', () => {
  it('lays out top-level steps from StartAt and folds nested states into their Map', () => {
    const layout = stepLayout(definition)
    expect(layout.steps).toEqual(['Prepare', 'Fan', 'Done'])
    expect(layout.topOf.get('Inner')).toBe('Fan')
    expect(stepLayout('not json').steps).toEqual([])
    // Flow order, not key order: Catch and Choice targets follow the state that leads there.
    const flow = stepLayout(JSON.stringify({
      StartAt: 'A',
      States: {Z: {Type: 'Succeed'}, C: {Type: 'Pass', End: true}, B: {Type: 'Choice', Choices: [{Next: 'C'}], Default: 'Z'}, A: {Type: 'Task', Next: 'B', Catch: [{Next: 'Z'}]}},
    }))
    expect(flow.steps).toEqual(['A', 'B', 'Z', 'C'])
  })

  it('a retry that succeeds is one success; jobs and Map progress belong to the top-level step', () => {
    const tracker = new StepTracker(stepLayout(definition))
    const out = history().flatMap((e) => tracker.consume(e))
    expect(out.filter((e) => e.type === 'step').map((e) => `${e.step}:${e.status}`)).toEqual([
      'Prepare:running',
      'Prepare:succeeded',
      'Fan:running',
      'Fan:succeeded',
      'Done:running',
      'Done:succeeded',
    ])
    expect(out.filter((e) => e.type === 'job').map((e) => [e.step, e.jobId])).toEqual([
      ['Prepare', 'job-1'],
      ['Prepare', 'job-2'],
      ['Fan', 'job-3'],
    ])
    expect(out.filter((e) => e.type === 'map-progress').at(-1)).toEqual({type: 'map-progress', step: 'Fan', length: 2, succeeded: 2, failed: 0})
    expect(tracker.finished).toBe(true)
  })

  it('an execution that fails while a step runs fails that step with the execution error', () => {
    const tracker = new StepTracker(stepLayout(definition))
    const events = history().slice(0, 4)
    events.push({id: 5, previousEventId: 4, type: 'ExecutionAborted', timestamp: 2000, error: 'Stopped', cause: 'by user'})
    const out = events.flatMap((e) => tracker.consume(e))
    expect(out.at(-1)).toEqual({type: 'step', step: 'Prepare', status: 'failed', timestamp: 2000, error: 'Stopped', cause: 'by user'})
    expect(tracker.finished).toBe(true)
  })
})
