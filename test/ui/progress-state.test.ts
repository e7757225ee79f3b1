import {describe, expect, it} from 'vitest'

import type {ProgressAction, ProgressState} from '../../src/ui/apply/progress-state.js'
import {activeLines, finishedLines, initialProgress, pendingLines, progressReducer} from '../../src/ui/apply/progress-state.js'
import {formatDuration, stepLabel} from '../../src/ui/apply/step-label.js'
import {failure, interruption, opening, steps, success} from './apply-script.js'

const fold = (actions: readonly ProgressAction[]): ProgressState => actions.reduce(progressReducer, initialProgress)
const stateOf = (state: ProgressState, id: string) => state.lines.find((line) => line.step.id === id)?.status

describe('progressReducer', () => {
  it('lists every announced step as pending, in plan order', () => {
    const state = fold(opening.slice(0, 1))
    expect(state.lines.map((line) => line.step.id)).toEqual([steps.ce.id, steps.jd.id, steps.queue.id, steps.disableOld.id, steps.deleteOld.id])
    expect(pendingLines(state)).toHaveLength(5)
    expect(state.startedAt).toBe(0)
  })

  it('tracks running, the last API call, waiting and the start time across progress reports', () => {
    const afterCall = fold(opening.slice(0, 4))
    expect(stateOf(afterCall, steps.ce.id)).toEqual({state: 'running', since: 0, call: 'CreateComputeEnvironment'})
    const waiting = fold(opening.slice(0, 6))
    expect(stateOf(waiting, steps.ce.id)).toEqual({state: 'waiting', since: 0, for: 'VALID', status: 'CREATING'})
    expect(activeLines(waiting).map((line) => line.step.id)).toEqual([steps.ce.id, steps.jd.id])
  })

  it('marks a retry and keeps the original start time', () => {
    const state = fold(opening)
    expect(stateOf(state, steps.queue.id)).toEqual({state: 'retrying', since: 12_000, attempt: 1, error: 'Rate exceeded'})
    // The next report after a retry puts the step back to running.
    const resumed = progressReducer(state, {type: 'step-progress', step: steps.queue, progress: {type: 'call', operation: 'CreateJobQueue'}, at: 12_600})
    expect(stateOf(resumed, steps.queue.id)).toEqual({state: 'running', since: 12_000, call: 'CreateJobQueue'})
  })

  it('appends finished steps in the order they finished (for <Static>), never twice', () => {
    const state = fold(success)
    expect(state.finished).toEqual([steps.jd.id, steps.ce.id, steps.queue.id, steps.disableOld.id, steps.deleteOld.id])
    expect(finishedLines(state).map((line) => line.status.state)).toEqual(['done', 'done', 'done', 'done', 'done'])
    const again = progressReducer(state, {type: 'step-done', step: steps.ce, at: 80_000, durationMs: 1})
    expect(again.finished).toEqual(state.finished)
    expect(state.result?.ok).toBe(true)
  })

  it('records a failure with its error and leaves the rest pending', () => {
    const state = fold(failure)
    expect(stateOf(state, steps.queue.id)).toEqual({state: 'failed', error: expect.stringContaining('CLIENT_ERROR')})
    expect(pendingLines(state).map((line) => line.step.id)).toEqual([steps.disableOld.id, steps.deleteOld.id])
    expect(activeLines(state)).toEqual([])
    expect(state.result?.stopped).toBe('failed')
  })

  it('remembers the first interrupt only', () => {
    const state = fold(interruption)
    expect(state.interruptedAt).toBe(7_000)
    expect(progressReducer(state, {type: 'interrupt-requested', at: 9_000}).interruptedAt).toBe(7_000)
    expect(state.result?.stopped).toBe('interrupted')
  })

  it('gives a line to a step apply did not announce rather than dropping it', () => {
    const state = fold([...opening.slice(0, 1), {type: 'step-started', step: {...steps.ce, id: 'extra#create'}, at: 5}])
    expect(stateOf(state, 'extra#create')).toEqual({state: 'running', since: 5})
    expect(state.lines).toHaveLength(6)
  })

  it('never mutates the state it is given', () => {
    const before = fold(opening.slice(0, 3))
    const snapshot = structuredClone(before)
    progressReducer(before, opening[3]!)
    progressReducer(before, {type: 'step-done', step: steps.ce, at: 1, durationMs: 1})
    expect(before).toEqual(snapshot)
  })
})

describe('step labels and durations', () => {
  it('names the op, the kind and the batch.yaml name, with the physical name when it differs', () => {
    expect(stepLabel(steps.jd)).toBe('register revision of job definition align (genomics-align)')
    expect(stepLabel(steps.deleteOld)).toBe('delete compute environment genomics-legacy')
  })

  it('formats durations for progress lines', () => {
    expect([0, 450, 9_990, 12_000, 125_000, 3_720_000].map(formatDuration)).toEqual(['0.0s', '0.4s', '9.9s', '12s', '2m05s', '1h02m'])
  })
})
