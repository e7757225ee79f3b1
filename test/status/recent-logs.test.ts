import {describe, expect, it} from 'vitest'

import {submitOnce} from '../../src/jobs/submit.js'
import {recentLogLines} from '../../src/status/recent-logs.js'
import {advance} from '../local/batch-jobs-setup.js'
import {jobsFixture} from '../jobs/fixture.js'

describe('recentLogLines', () => {
  it('reads the newest lines of every child of an array once, in time order, with their prefixes', async () => {
    const {jobs, logs, emulator} = await jobsFixture({speed: 0})
    const {jobId} = await submitOnce(jobs, {
      jobName: 'two',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 2},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_LOG_LINES', value: '3'}]},
    })
    advance(emulator, 10_000) // both children ran and finished
    const all = await recentLogLines(jobs, logs, jobId, {now: () => emulator.clock.now()})
    const labels = new Set(all.lines.map((line) => line.label))
    expect([...labels].sort()).toEqual(['[0]', '[1]'])
    for (const label of labels) {
      expect(all.lines.filter((line) => line.label === label && line.message.startsWith('Line ')).map((line) => line.message)).toEqual(['Line 1 of 3', 'Line 2 of 3', 'Line 3 of 3'])
    }
    const times = all.lines.map((line) => line.timestamp)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const newest = await recentLogLines(jobs, logs, jobId, {now: () => emulator.clock.now(), limit: 2})
    expect(newest.lines).toEqual(all.lines.slice(-2))
    // A window that ends before the job ran shows nothing.
    expect((await recentLogLines(jobs, logs, jobId, {now: () => emulator.clock.now(), windowMs: 1})).lines).toEqual([])
  }, 30_000)
})
