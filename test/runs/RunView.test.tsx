import {describe, expect, it} from 'vitest'

import type {RunEvent} from '../../src/runs/run-events.js'
import {RunView} from '../../src/ui/runs/RunView.js'
import {initialRunView, runViewReducer} from '../../src/ui/runs/run-view-state.js'
import {renderAt} from '../ui/render-at-width.js'

const cause = JSON.stringify({JobId: 'j-3', Status: 'FAILED', StatusReason: 'Essential container in task exited', Container: {ExitCode: 2}})

const script: RunEvent[] = [
  {type: 'started', workflow: 'pipeline', executionArn: 'arn', name: 'pipeline-20261123T120000Z-abc123', startDate: 0, reused: false},
  {type: 'steps', steps: ['prepare', 'fan', 'flaky', 'cleanup']},
  {type: 'step', step: 'prepare', status: 'running', timestamp: 0},
  {type: 'job', step: 'prepare', jobId: 'j-1', timestamp: 100},
  {type: 'job-progress', step: 'prepare', jobId: 'j-1', status: 'SUCCEEDED'},
  {type: 'step', step: 'prepare', status: 'succeeded', timestamp: 12_000},
  {type: 'step', step: 'fan', status: 'running', timestamp: 12_000},
  {type: 'job', step: 'fan', jobId: 'j-2', timestamp: 12_100},
  {type: 'job-progress', step: 'fan', jobId: 'j-2', status: 'RUNNING', arraySize: 10, statusSummary: {SUCCEEDED: 6, RUNNING: 4}},
]

const finish: RunEvent[] = [
  {type: 'job-progress', step: 'fan', jobId: 'j-2', status: 'SUCCEEDED', arraySize: 10, statusSummary: {SUCCEEDED: 10}},
  {type: 'step', step: 'fan', status: 'succeeded', timestamp: 40_000},
  {type: 'step', step: 'flaky', status: 'running', timestamp: 40_000},
  {type: 'step', step: 'flaky', status: 'failed', timestamp: 45_000, error: 'States.TaskFailed', cause, caught: true},
  {type: 'step', step: 'cleanup', status: 'running', timestamp: 45_000},
  {type: 'step', step: 'cleanup', status: 'succeeded', timestamp: 50_000},
  {type: 'finished', executionArn: 'arn', status: 'SUCCEEDED', startDate: 0, stopDate: 50_000},
]

function screen(events: RunEvent[], now: number, columns = 80): string {
  const state = events.reduce(runViewReducer, initialRunView)
  const view = renderAt(<RunView state={state} now={now} />, columns)
  const text = view.lastFrame()
  view.unmount()
  return text
}

describe('RunView at a fixed width', () => {
  it('shows finished, running (spinner, job progress, elapsed) and pending steps', () => {
    expect(screen(script, 20_000)).toMatchInlineSnapshot(`
      "pipeline · pipeline-20261123T120000Z-abc123
      ✓ prepare  job j-1 SUCCEEDED  12s
      ⠋ fan      job j-2 RUNNING 6/10 done  8s
      · flaky
      · cleanup"
    `)
  })

  it('shows a caught failure with its short cause and the outcome', () => {
    expect(screen([...script, ...finish], 50_000)).toMatchInlineSnapshot(`
      "pipeline · pipeline-20261123T120000Z-abc123
      ✓ prepare         job j-1 SUCCEEDED  12s
      ✓ fan             job j-2 SUCCEEDED 10/10 done  28s
      ✗ flaky (caught)  5s
        States.TaskFailed: job j-3 FAILED: Essential container in task exited (exit
        code 2)
      ✓ cleanup         5s
      execution SUCCEEDED after 50s"
    `)
  })
})
