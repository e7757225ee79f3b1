import {describe, expect, it} from 'vitest'

import type {FollowEvent} from '../../src/jobs/follow.js'
import {renderNdjson} from '../../src/jobs/render-ndjson.js'
import {labelColor, progressLine, renderText} from '../../src/jobs/render-text.js'

const stream = {logGroup: '/aws/batch/job', logStreamName: 'def/default/abc', jobId: 'j:7', label: '[7]', attempt: 1}
const log: FollowEvent = {type: 'log', line: {stream, timestamp: Date.parse('2026-01-31T12:00:00.123Z'), message: 'hello', eventId: '1'}}
const plain = {color: false, timestamps: false}

describe('renderText', () => {
  it('prints log lines to stdout with the child prefix, optionally timestamped and coloured', () => {
    expect(renderText(log, plain)).toEqual({to: 'stdout', text: '[7] hello'})
    expect(renderText(log, {color: false, timestamps: true})?.text).toBe('2026-01-31T12:00:00.123Z [7] hello')
    expect(renderText(log, {color: true, timestamps: false})?.text).toBe(`\u001B[${labelColor('[7]')}m[7]\u001B[39m hello`)
  })

  it('gives each label the same colour every time', () => {
    expect(labelColor('[7]')).toBe(labelColor('[7]'))
    const colours = new Set(Array.from({length: 50}, (_, i) => labelColor(`[${i}]`)))
    expect(colours.size).toBeGreaterThan(5)
  })

  it('prints progress, failures and the outcome to stderr', () => {
    const counts = {SUBMITTED: 0, PENDING: 0, RUNNABLE: 30, STARTING: 0, RUNNING: 10, SUCCEEDED: 55, FAILED: 5}
    expect(progressLine(counts, 100, 10)).toBe('[######----] 60/100 · FAILED 5 · SUCCEEDED 55 · RUNNING 10 · RUNNABLE 30')
    expect(renderText({type: 'child-failed', jobId: 'j:3', label: '[3]', exitCode: 2, reason: 'Essential container in task exited'}, plain)).toEqual({
      to: 'stderr',
      text: '✗ [3] failed (exit 2): Essential container in task exited',
    })
    expect(renderText({type: 'status', jobId: 'j', status: 'RUNNING', previous: 'RUNNABLE'}, plain)).toEqual({to: 'stderr', text: 'j: RUNNABLE → RUNNING'})
    expect(renderText({type: 'streams', streams: []}, plain)).toBeUndefined()
  })
})

describe('renderNdjson', () => {
  it('writes one flat JSON object per event', () => {
    expect(JSON.parse(renderNdjson(log)!)).toEqual({
      type: 'log',
      jobId: 'j:7',
      label: '[7]',
      attempt: 1,
      logStreamName: 'def/default/abc',
      timestamp: Date.parse('2026-01-31T12:00:00.123Z'),
      eventId: '1',
      message: 'hello',
    })
    expect(renderNdjson(log)).not.toContain('\n')
  })
})
