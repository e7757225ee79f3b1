import {describe, expect, it} from 'vitest'

import {emptyCounts} from '../../src/status/snapshot.js'
import {initialStatusState, statusReducer, type StatusViewState} from '../../src/ui/status/status-state.js'
import {StatusView} from '../../src/ui/status/StatusView.js'
import {queueOf, snapshotOf} from '../status/builders.js'
import {renderAt} from './render-at-width.js'

const T = 1_000_000

function dashboard(): StatusViewState {
  const queue = queueOf({
    counts: {...emptyCounts(), PENDING: 1, RUNNABLE: 3, RUNNING: 1, SUCCEEDED: 1000, FAILED: 2},
    truncated: ['SUCCEEDED'],
    running: [
      {jobId: 'aaaaaaaa-1111', jobName: 'align', status: 'PENDING', createdAt: T - 300_000, arraySize: 10, progress: {SUCCEEDED: 5, FAILED: 1, RUNNING: 2, RUNNABLE: 2}},
      {jobId: 'bbbbbbbb-2222', jobName: 'train', status: 'RUNNING', startedAt: T - 42_000, numNodes: 4},
    ],
    failures: [{jobId: 'cccccccc-3333', jobName: 'merge', stoppedAt: T - 120_000, exitCode: 3, statusReason: 'Essential container in task exited'}],
  })
  return statusReducer(initialStatusState(), {type: 'snapshot', snapshot: snapshotOf([queue], T - 3_000)})
}

describe('StatusView at 100 columns', () => {
  it('shows each queue with counts, running jobs with age and progress, failures with reasons, the selection marked', () => {
    const view = renderAt(<StatusView state={dashboard()} now={T} barWidth={10} />, 100)
    expect(view.lastFrame()).toBe(
      [
        'batchctl status  refreshed 3s ago · ↑↓ select · Enter logs · q quit',
        '',
        'default (genomics-default)',
        '  SUBMITTED 0  PENDING 1  RUNNABLE 3  STARTING 0  RUNNING 1  SUCCEEDED 1000+  FAILED 2',
        '  running',
        // 5 of 10 succeeded (green), 1 failed (red), 4 to go.
        '›   align  aaaaaaaa  PENDING  5m00s  6/10 done · RUNNING 2 · FAILED 1 ██████░░░░',
        '    train  bbbbbbbb  RUNNING  42s  4 nodes',
        '  recent failures',
        '    merge  cccccccc  2m00s ago  exit 3: Essential container in task exited',
      ].join('\n'),
    )
    view.unmount()
  })

  it('moves the marker with the selection and cuts long lines at the width instead of wrapping', () => {
    const state = statusReducer(statusReducer(dashboard(), {type: 'key', key: 'down'}), {type: 'key', key: 'down'})
    const view = renderAt(<StatusView state={state} now={T} barWidth={10} />, 40)
    const lines = view.lastFrame().split('\n')
    expect(lines.find((line) => line.startsWith('›'))).toMatch(/^›\s+merge/)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40)
    view.unmount()
  })

  it('shows the selected job’s newest log lines with their child prefixes after Enter', () => {
    let state = statusReducer(dashboard(), {type: 'key', key: 'enter'})
    const waiting = renderAt(<StatusView state={state} now={T} />, 100)
    expect(waiting.lastFrame()).toBe(['logs of align (aaaaaaaa-1111)  Esc back · q quit', 'reading logs…'].join('\n'))
    waiting.unmount()
    const lines = Array.from({length: 30}, (_, i) => ({label: `[${i % 3}]`, timestamp: i, message: `line ${i}`}))
    state = statusReducer(state, {type: 'log', jobId: 'aaaaaaaa-1111', lines})
    const view = renderAt(<StatusView state={state} now={T} logLines={3} />, 100)
    expect(view.lastFrame()).toBe(['logs of align (aaaaaaaa-1111)  Esc back · q quit', '[0] line 27', '[1] line 28', '[2] line 29'].join('\n'))
    view.unmount()
  })

  it('says when there is no snapshot yet, when a refresh failed, and when a job has no lines', () => {
    const first = renderAt(<StatusView state={initialStatusState()} now={T} />, 100)
    expect(first.lastFrame()).toBe('batchctl status  reading queues…')
    first.unmount()
    const failed = statusReducer(dashboard(), {type: 'error', message: 'Rate exceeded'})
    const warn = renderAt(<StatusView state={failed} now={T} />, 100)
    expect(warn.lastFrame().split('\n')[1]).toBe('refresh failed: Rate exceeded; retrying')
    warn.unmount()
    const empty = statusReducer(statusReducer(dashboard(), {type: 'key', key: 'enter'}), {type: 'log', jobId: 'aaaaaaaa-1111', lines: []})
    const none = renderAt(<StatusView state={empty} now={T} />, 100)
    expect(none.lastFrame()).toContain('no log lines in the last hour')
    none.unmount()
  })

  it('fits a long list in the terminal height, scrolling to keep the selected job in view', () => {
    const running = Array.from({length: 30}, (_, i) => ({jobId: `job-${String(i).padStart(2, '0')}`, jobName: `j${i}`, status: 'RUNNING' as const}))
    const queue = queueOf({counts: {...emptyCounts(), RUNNING: 30}, running})
    let state = statusReducer(initialStatusState(), {type: 'snapshot', snapshot: snapshotOf([queue], T)})
    for (let i = 0; i < 20; i++) state = statusReducer(state, {type: 'key', key: 'down'})
    const view = renderAt(<StatusView state={state} now={T} rows={12} />, 60)
    const lines = view.lastFrame().split('\n')
    // Below the terminal height (Ink clears the screen on every frame otherwise).
    expect(lines.length).toBeLessThan(12)
    expect(lines[0]).toMatch(/^batchctl status/)
    expect(lines[1]).toMatch(/^↑ \d+ more lines$/)
    expect(lines.at(-1)).toMatch(/^↓ \d+ more lines$/)
    expect(lines.find((line) => line.startsWith('›'))).toContain('j20  job-20')
    view.unmount()
    // Everything shown when it fits.
    const all = renderAt(<StatusView state={state} now={T} rows={100} />, 60)
    expect(all.lastFrame()).not.toContain('more lines')
    expect(all.lastFrame().split('\n').filter((line) => / j\d+ {2}job-/.test(line))).toHaveLength(30)
    all.unmount()
  })
})
