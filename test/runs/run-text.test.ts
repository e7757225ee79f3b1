import {describe, expect, it} from 'vitest'

import {formatDuration, runEventLine, runListText, summarizeCause} from '../../src/ui/runs/run-text.js'

describe('run text lines', () => {
  it('shortens a .sync job failure to the job, reason and exit code; other causes stay whole', () => {
    const cause = JSON.stringify({JobId: 'j-1', Status: 'FAILED', StatusReason: 'Essential container in task exited', Container: {ExitCode: 2}, Attempts: [{}]})
    expect(summarizeCause(cause)).toBe('job j-1 FAILED: Essential container in task exited (exit code 2)')
    expect(summarizeCause('{not json')).toBe('{not json')
    expect(summarizeCause('plain words')).toBe('plain words')
    expect(runEventLine({type: 'step', step: 'align', status: 'failed', timestamp: 0, error: 'States.TaskFailed', cause, caught: true})).toBe(
      'align: failed (caught): States.TaskFailed: job j-1 FAILED: Essential container in task exited (exit code 2)',
    )
  })

  it('writes progress and outcome lines', () => {
    expect(runEventLine({type: 'job-progress', step: 'fan', jobId: 'j', status: 'RUNNING', arraySize: 10, statusSummary: {SUCCEEDED: 6, FAILED: 1, RUNNING: 3}})).toBe(
      'fan: job j RUNNING 7/10 done, 1 failed',
    )
    expect(runEventLine({type: 'map-progress', step: 'm', length: 4, succeeded: 1, failed: 1})).toBe('m: 2/4 iterations done, 1 failed')
    expect(runEventLine({type: 'finished', executionArn: 'a', status: 'SUCCEEDED', startDate: 0, stopDate: 125_000, output: '{}'})).toBe('execution SUCCEEDED after 2m05s')
    expect(runEventLine({type: 'finished', executionArn: 'a', status: 'TIMED_OUT', startDate: 0, error: 'States.Timeout'})).toBe('execution TIMED_OUT: States.Timeout')
    expect(formatDuration(3_723_000)).toBe('1h02m')
  })

  it('lists executions in aligned columns', () => {
    const text = runListText([
      {workflow: 'pipeline', name: 'run-a', executionArn: 'x', status: 'SUCCEEDED', startDate: Date.UTC(2026, 10, 23, 12), stopDate: Date.UTC(2026, 10, 23, 12, 1), durationMs: 60_000},
      {workflow: 'nightly-long', name: 'b', executionArn: 'y', status: 'RUNNING', startDate: Date.UTC(2026, 10, 23, 13), durationMs: 5_000},
    ])
    expect(text).toBe(
      [
        'WORKFLOW      NAME   STATUS     STARTED               DURATION',
        'pipeline      run-a  SUCCEEDED  2026-11-23T12:00:00Z  1m00s',
        'nightly-long  b      RUNNING    2026-11-23T13:00:00Z  5s',
        '',
      ].join('\n'),
    )
    expect(runListText([])).toBe('No executions.\n')
  })
})
