import {describe, expect, it} from 'vitest'

import type {ApplyEvent} from '../../src/apply/events.js'
import type {ProgressAction} from '../../src/ui/apply/progress-state.js'
import {eventJsonLine, textProgress} from '../../src/ui/apply/progress-text.js'
import {painter} from '../../src/ui/shared/colors.js'
import {failure, interruption, success} from './apply-script.js'

function printed(actions: readonly ProgressAction[], color = false): string {
  let out = ''
  const feed = textProgress((text) => (out += text), painter(color))
  for (const action of actions) feed(action)
  return out
}

describe('plain-text apply progress', () => {
  it('prints one line per start, change of wait status, result and the summary', () => {
    expect(printed(success)).toMatchInlineSnapshot(`
      "Applying 5 steps
      → create compute environment spot (genomics-spot)
      → register revision of job definition align (genomics-align)
      … create compute environment spot (genomics-spot): waiting for VALID (CREATING)
      ✓ register revision of job definition align (genomics-align) (1.4s)
      ✓ create compute environment spot (genomics-spot) (12s)
      → create job queue default (genomics-default)
      ↻ create job queue default (genomics-default): attempt 1 failed (Rate exceeded), retrying
      ✓ create job queue default (genomics-default) (2.0s)
      → disable compute environment genomics-legacy
      ✓ disable compute environment genomics-legacy (1.0s)
      → delete compute environment genomics-legacy
      … delete compute environment genomics-legacy: waiting for deleted (DELETING)
      ✓ delete compute environment genomics-legacy (1m00s)

      Apply complete: 5 steps done in 1m15s.
      "
    `)
  })

  it('prints the failure with its error and tells the user to re-run', () => {
    const out = printed(failure)
    expect(out).toContain('✗ create job queue default (genomics-default): job queue genomics-default is INVALID: CLIENT_ERROR')
    expect(out.split('\n').slice(-4)).toEqual([
      '',
      'Apply failed: 2 done, 1 failed, 2 not started (13s).',
      'Nothing was rolled back: re-run `batchctl apply` to continue.',
      '',
    ])
  })

  it('says once that an interrupt is being honoured, then how far apply got', () => {
    const out = printed([...interruption.slice(0, 8), {type: 'interrupt-requested', at: 7_500}, ...interruption.slice(8)])
    expect(out.match(/Interrupted:/g)).toHaveLength(1)
    expect(out).toContain('Apply interrupted: 2 done, 0 failed, 3 not started (8.0s).')
    expect(out).toContain('re-run `batchctl apply` to continue')
  })

  it('prints a new waiting line only when what the step waits for changes', () => {
    const step = success[1]!.type === 'step-started' ? success[1]!.step : undefined
    if (!step) throw new Error('script changed')
    const waits: ApplyEvent[] = ['CREATING', 'CREATING', 'UPDATING', 'UPDATING', undefined].map((status, i) => ({
      type: 'step-progress',
      step,
      progress: {type: 'waiting', for: 'VALID', ...(status ? {status} : {})},
      at: i,
    }))
    const lines = printed([success[0]!, success[1]!, ...waits]).trim().split('\n').slice(2)
    expect(lines).toEqual([
      '… create compute environment spot (genomics-spot): waiting for VALID (CREATING)',
      '… create compute environment spot (genomics-spot): waiting for VALID (UPDATING)',
      '… create compute environment spot (genomics-spot): waiting for VALID',
    ])
  })

  it('colours results when asked (green done, red failed) and not otherwise', () => {
    expect(printed(failure, true)).toContain('\u001B[31m✗ create job queue default')
    expect(printed(success, true)).toContain('\u001B[32m✓ create job queue default')
    expect(printed(failure, false)).not.toContain('\u001B[')
  })
})

describe('NDJSON apply events', () => {
  it('writes one parseable event per line, unchanged', () => {
    const text = success.map(eventJsonLine).join('')
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(success.length)
    expect(lines.map((line) => JSON.parse(line))).toEqual(success)
  })
})
