import {describe, expect, it} from 'vitest'

import {StatusReader} from '../../src/status/read-status.js'
import type {StatusSnapshot} from '../../src/status/snapshot.js'
import {watchStatus} from '../../src/status/watch-status.js'
import {jobsFixture} from '../jobs/fixture.js'

describe('watchStatus against the emulator', () => {
  it('reports a throttled read, keeps refreshing, and ends when the signal aborts', async () => {
    // The first ListJobs is throttled and the SDK does not retry (maxAttempts 1): the read fails.
    const {jobs, emulator} = await jobsFixture({maxAttempts: 1, emulator: {faults: {rules: [{service: 'batch', operation: 'ListJobs', throttleRate: 1, times: 1}]}}})
    const reader = new StatusReader(jobs, [{key: 'default', name: 'q'}])
    const snapshots: StatusSnapshot[] = []
    const errors: Error[] = []
    const abort = new AbortController()
    await watchStatus(
      reader,
      (snapshot) => {
        snapshots.push(snapshot)
        if (snapshots.length === 3) abort.abort()
      },
      (error) => errors.push(error),
      {minMs: 1, maxMs: 5, signal: abort.signal},
    )
    expect(errors).toHaveLength(1)
    expect(emulator.calls.find('batch', 'ListJobs').filter((c) => c.error).map((c) => c.injected)).toEqual([true])
    expect(snapshots).toHaveLength(3)
    expect(snapshots[0]!.queues[0]!.name).toBe('q')
  }, 30_000)

  it('gives up after maxFailures reads in a row fail', async () => {
    const {jobs} = await jobsFixture({maxAttempts: 1, emulator: {faults: {rules: [{service: 'batch', operation: 'ListJobs', errorRate: 1}]}}})
    const errors: Error[] = []
    const snapshots: StatusSnapshot[] = []
    await expect(
      watchStatus(new StatusReader(jobs, [{key: 'default', name: 'q'}]), (s) => snapshots.push(s), (e) => errors.push(e), {minMs: 1, maxMs: 2, maxFailures: 2}),
    ).rejects.toThrow()
    expect(errors).toHaveLength(2)
    expect(snapshots).toEqual([])
  }, 30_000)
})
