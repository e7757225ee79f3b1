import {EventEmitter} from 'node:events'
import {stripVTControlCharacters} from 'node:util'

import {describe, expect, it} from 'vitest'

import type {FollowEvent} from '../../src/jobs/follow.js'
import {mountFollowLive} from '../../src/ui/jobs/follow-live.js'

/** A terminal that records what it gets and how many writes it took. */
class Tty extends EventEmitter {
  readonly isTTY = true
  columns = 120
  rows = 40
  text = ''
  writes = 0
  write = (chunk: string): boolean => {
    this.writes++
    this.text += chunk
    return true
  }
}

function logEvent(i: number): FollowEvent {
  const child = i % 50
  const stream = {jobId: `j:${child}`, logGroup: '/aws/batch/job', logStreamName: `def/default/${child}`, label: `[${child}]`, attempt: 1}
  return {type: 'log', line: {stream, timestamp: 1_700_000_000_000 + i, message: `line ${i}`, eventId: String(i)}}
}

describe('mountFollowLive', () => {
  it('draws a burst of lines together, each exactly once and in order', async () => {
    const tty = new Tty()
    const live = mountFollowLive({stream: tty as unknown as NodeJS.WriteStream, frameMs: 20})
    live.onEvent({type: 'status', jobId: 'j', status: 'RUNNING'})
    const n = 2_000
    for (let i = 0; i < n; i++) live.onEvent(logEvent(i))
    await new Promise((resolve) => setTimeout(resolve, 100))
    // Each <Static> batch is an immediate Ink render; one per line would be ≥ 2,000 writes.
    expect(tty.writes).toBeLessThan(50)
    await live.close()
    const rows = stripVTControlCharacters(tty.text).split('\n')
    const printed = rows.map((row) => /^\[\d+\] line (\d+)$/.exec(row.trimEnd())?.[1]).filter((x) => x !== undefined).map(Number)
    expect(printed).toEqual(Array.from({length: n}, (_, i) => i))
  })

  it('draws what is pending when closed before the frame, and the end at once', async () => {
    const tty = new Tty()
    const live = mountFollowLive({stream: tty as unknown as NodeJS.WriteStream, frameMs: 60_000})
    live.onEvent({type: 'status', jobId: 'j', status: 'RUNNING'})
    live.onEvent(logEvent(1))
    live.onEvent(logEvent(2))
    await live.close()
    const text = stripVTControlCharacters(tty.text)
    expect(text).toContain('[1] line 1')
    expect(text).toContain('[2] line 2')
    expect(text.indexOf('[1] line 1')).toBeLessThan(text.indexOf('[2] line 2'))
  })
})
