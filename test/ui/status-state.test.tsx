import {describe, expect, it} from 'vitest'

import {initialStatusState, type StatusAction, statusReducer} from '../../src/ui/status/status-state.js'
import {queueOf, snapshotOf} from '../status/builders.js'

const job = (jobId: string) => ({jobId, jobName: `n-${jobId}`, status: 'RUNNING' as const, startedAt: 0})
const snap = (running: string[], failed: string[] = []) =>
  snapshotOf([queueOf({running: running.map(job), failures: failed.map((jobId) => ({jobId, jobName: `n-${jobId}`}))})])
const run = (actions: StatusAction[]) => actions.reduce(statusReducer, initialStatusState())
const key = (k: 'up' | 'down' | 'enter' | 'escape' | 'quit'): StatusAction => ({type: 'key', key: k})

describe('statusReducer', () => {
  it('selects the first job, moves over running jobs then failures with the arrows, and stops at the ends', () => {
    const s = run([{type: 'snapshot', snapshot: snap(['a', 'b'], ['f'])}])
    expect(s.selectedId).toBe('a')
    expect(run([{type: 'snapshot', snapshot: snap(['a', 'b'], ['f'])}, key('down'), key('down'), key('down')]).selectedId).toBe('f')
    expect(run([{type: 'snapshot', snapshot: snap(['a', 'b'], ['f'])}, key('down'), key('up'), key('up')]).selectedId).toBe('a')
  })

  it('keeps the selection on the same job across refreshes, and at the same place when that job left', () => {
    const moved = run([{type: 'snapshot', snapshot: snap(['a', 'b', 'c'])}, key('down'), {type: 'snapshot', snapshot: snap(['x', 'a', 'b', 'c'])}])
    expect(moved.selectedId).toBe('b')
    const gone = run([{type: 'snapshot', snapshot: snap(['a', 'b', 'c'])}, key('down'), {type: 'snapshot', snapshot: snap(['a', 'c'])}])
    expect(gone.selectedId).toBe('c')
    expect(run([{type: 'snapshot', snapshot: snap(['a'])}, {type: 'snapshot', snapshot: snap([])}]).selectedId).toBeUndefined()
  })

  it('opens the logs of the selected job with Enter, takes only that job’s lines, and goes back with Esc', () => {
    const open = run([{type: 'snapshot', snapshot: snap(['a', 'b'])}, key('down'), key('enter')])
    expect(open.mode).toBe('log')
    expect(open.log).toEqual({jobId: 'b', jobName: 'n-b', lines: [], loading: true})
    const line = {label: '[0]', timestamp: 1, message: 'hi'}
    const stale = statusReducer(open, {type: 'log', jobId: 'a', lines: [line]})
    expect(stale.log?.lines).toEqual([])
    const read = statusReducer(open, {type: 'log', jobId: 'b', lines: [line]})
    expect(read.log).toMatchObject({loading: false, lines: [line]})
    // Arrows do nothing in the log view; Esc returns to the list with the selection kept.
    const back = statusReducer(statusReducer(read, key('up')), key('escape'))
    expect(back.mode).toBe('list')
    expect(back.log).toBeUndefined()
    expect(back.selectedId).toBe('b')
  })

  it('ignores Enter with nothing to select, remembers a failed refresh until the next snapshot, and quits on q', () => {
    expect(run([{type: 'snapshot', snapshot: snap([])}, key('enter')]).mode).toBe('list')
    const failed = run([{type: 'snapshot', snapshot: snap(['a'])}, {type: 'error', message: 'throttled'}])
    expect(failed.error).toBe('throttled')
    expect(failed.snapshot).toBeDefined()
    expect(statusReducer(failed, {type: 'snapshot', snapshot: snap(['a'])}).error).toBeUndefined()
    expect(run([key('quit')]).quit).toBe(true)
  })
})
