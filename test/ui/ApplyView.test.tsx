import {describe, expect, it} from 'vitest'

import {ApplyView, spinnerFrame} from '../../src/ui/apply/ApplyView.js'
import type {ProgressAction, ProgressState} from '../../src/ui/apply/progress-state.js'
import {initialProgress, progressReducer} from '../../src/ui/apply/progress-state.js'
import {failure, interruption, opening, success} from './apply-script.js'
import {renderAt} from './render-at-width.js'

/**
 * Plays a script into one mounted view, as `mountLive` would (re-rendering after each action),
 * and returns the screen after `upTo` actions: `<Static>` lines are written once and must still
 * be on screen later.
 */
function screenAfter(actions: readonly ProgressAction[], upTo: number, now: number, columns = 80, maxPending?: number): string {
  let state: ProgressState = initialProgress
  const view = renderAt(<ApplyView state={state} now={0} />, columns)
  for (const action of actions.slice(0, upTo)) {
    state = progressReducer(state, action)
    view.rerender(<ApplyView state={state} now={Math.max(now, 0)} {...(maxPending ? {maxPending} : {})} />)
  }
  const text = view.lastFrame()
  view.unmount()
  return text
}

describe('ApplyView at a fixed width', () => {
  it('lists every step as pending once apply starts', () => {
    expect(screenAfter(opening, 1, 0)).toMatchInlineSnapshot(`
      "Applying 5 steps
      · create compute environment spot (genomics-spot)
      · register revision of job definition align (genomics-align)
      · create job queue default (genomics-default)
      · disable compute environment genomics-legacy
      · delete compute environment genomics-legacy"
    `)
  })

  it('shows running steps with a spinner, the API call or what they wait for, and elapsed time', () => {
    // t = 6.5 s: the CE waits for VALID, the job definition finished at 1.4 s.
    expect(screenAfter(opening, 8, 6_500)).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align (genomics-align)  1.4s
      ⠙ create compute environment spot (genomics-spot)  waiting for VALID        6.5s
        (CREATING)
      · create job queue default (genomics-default)
      · disable compute environment genomics-legacy
      · delete compute environment genomics-legacy"
    `)
  })

  it('shows a retrying step with the attempt and its error', () => {
    expect(screenAfter(opening, opening.length, 12_300)).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align (genomics-align)  1.4s
      ✓ create compute environment spot (genomics-spot)  12s
      ↻ create job queue default (genomics-default)  retrying: attempt 1 failed   0.3s
        (Rate exceeded)
      · disable compute environment genomics-legacy
      · delete compute environment genomics-legacy"
    `)
  })

  it('counts pending steps beyond the limit instead of listing them', () => {
    const text = screenAfter(opening, 1, 0, 80, 2)
    expect(text).toContain('· … and 3 more pending')
    expect(text).not.toContain('disable compute environment')
  })

  it('ends a successful apply with the summary and every step done, each printed once', () => {
    const text = screenAfter(success, success.length, 75_000)
    expect(text).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align (genomics-align)  1.4s
      ✓ create compute environment spot (genomics-spot)  12s
      ✓ create job queue default (genomics-default)  2.0s
      ✓ disable compute environment genomics-legacy  1.0s
      ✓ delete compute environment genomics-legacy  1m00s

      Apply complete: 5 steps done in 1m15s."
    `)
    expect(text.match(/create compute environment spot/g)).toHaveLength(1)
  })

  it('shows a failure with its error, wrapped to the width, and the re-run hint', () => {
    const text = screenAfter(failure, failure.length, 13_000, 60)
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60)
    expect(text).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align             1.4s
        (genomics-align)
      ✓ create compute environment spot (genomics-spot)  12s
      ✗ create job queue default (genomics-default)
        job queue genomics-default is INVALID: CLIENT_ERROR -
        computeEnvironmentOrder names a DISABLED compute
        environment

      Apply failed: 2 done, 1 failed, 2 not started (13s).
      Nothing was rolled back: re-run \`batchctl apply\` to
      continue."
    `)
  })

  it('while interrupted, says that running steps are stopping; then how far apply got', () => {
    const during = screenAfter(interruption, 8, 7_200)
    expect(during).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align (genomics-align)  1.4s
      ⠋ create compute environment spot (genomics-spot)  waiting for VALID        7.2s
        (CREATING)
      Interrupted: 3 pending steps will not start; waiting for 1 running step to stop."
    `)
    const after = screenAfter(interruption, interruption.length, 8_000)
    expect(after).toMatchInlineSnapshot(`
      "Applying 5 steps
      ✓ register revision of job definition align (genomics-align)  1.4s
      ✓ create compute environment spot (genomics-spot)  8.0s

      Apply interrupted: 2 done, 0 failed, 3 not started (8.0s).
      Nothing was rolled back: re-run \`batchctl apply\` to continue."
    `)
    expect(after).not.toContain('waiting for 1 running step')
  })

  it('turns the spinner with the clock', () => {
    expect(new Set([0, 80, 160, 240].map(spinnerFrame)).size).toBe(4)
    expect(spinnerFrame(800)).toBe(spinnerFrame(0))
  })
})
