import {describe, expect, it} from 'vitest'

import {submitOnce} from '../../src/jobs/submit.js'
import {StatusReader} from '../../src/status/read-status.js'
import {advance} from '../local/batch-jobs-setup.js'
import {jobsFixture} from '../jobs/fixture.js'

const env = (vars: Record<string, string>) => ({environment: Object.entries(vars).map(([name, value]) => ({name, value}))})

describe('StatusReader against the emulator', () => {
  it('counts by status, shows running jobs with array progress and failures with reasons, in 5 calls per idle refresh', async () => {
    // The emulator's clock stands still (speed 0): only advance() moves jobs along.
    const {jobs, emulator} = await jobsFixture({speed: 0, maxvCpus: 16})
    const arr = await submitOnce(jobs, {jobName: 'arr', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 4}, containerOverrides: env({BATCHCTL_SIM_DURATION_MS: '60000'})})
    const bad = await submitOnce(jobs, {jobName: 'bad', jobQueue: 'q', jobDefinition: 'def', containerOverrides: env({BATCHCTL_SIM_EXIT_CODE: '3'})})
    advance(emulator, 1_600) // every job RUNNING (3 transitions of 500 ms)
    let clock = 0
    const reader = new StatusReader(jobs, [{key: 'default', name: 'q'}], {now: () => clock, terminalRefreshMs: 60_000})
    emulator.calls.clear()

    const first = await reader.read()
    const queue = first.queues[0]!
    // An array parent is never RUNNING: it stays PENDING while its children run
    // (https://docs.aws.amazon.com/batch/latest/userguide/array_jobs.html).
    expect(queue.counts).toEqual({SUBMITTED: 0, PENDING: 1, RUNNABLE: 0, STARTING: 0, RUNNING: 1, SUCCEEDED: 0, FAILED: 0})
    // ListJobs returns the parent's arrayProperties.statusSummary: progress without DescribeJobs
    // (https://docs.aws.amazon.com/batch/latest/APIReference/API_ArrayPropertiesSummary.html).
    expect(queue.running.map((job) => job.jobId).sort()).toEqual([arr.jobId, bad.jobId].sort())
    expect(queue.running.find((job) => job.jobId === arr.jobId)).toMatchObject({jobName: 'arr', status: 'PENDING', arraySize: 4, progress: {RUNNING: 4}})
    expect(queue.running.find((job) => job.jobId === bad.jobId)?.startedAt).toBeTypeOf('number')
    // The first read lists every status once: 7 ListJobs, nothing else.
    expect(first.calls).toBe(7)
    expect(emulator.calls.count('batch')).toBe(7)
    expect(emulator.calls.find('batch', 'ListJobs').map((c) => (c.input as {jobStatus: string}).jobStatus).sort()).toEqual(
      ['FAILED', 'PENDING', 'RUNNABLE', 'RUNNING', 'STARTING', 'SUBMITTED', 'SUCCEEDED'],
    )

    // Nothing finished: the terminal lists are not read again.
    emulator.calls.clear()
    const idle = await reader.read()
    expect(idle.calls).toBe(5)
    expect(emulator.calls.count('batch')).toBe(5)
    expect(emulator.calls.find('batch', 'ListJobs').some((c) => ['SUCCEEDED', 'FAILED'].includes((c.input as {jobStatus: string}).jobStatus))).toBe(false)

    // `bad` ends (2 s run, exit 3): it left the active lists, so FAILED and SUCCEEDED are read.
    advance(emulator, 2_500)
    emulator.calls.clear()
    const after = await reader.read()
    expect(after.calls).toBe(7)
    expect(emulator.calls.count('batch')).toBe(7)
    const q = after.queues[0]!
    expect(q.counts).toMatchObject({PENDING: 1, RUNNING: 0, FAILED: 1})
    expect(q.failures).toEqual([expect.objectContaining({jobId: bad.jobId, jobName: 'bad', exitCode: 3})])
    expect(q.failures[0]?.statusReason).toBeTruthy()
    expect(q.running.map((job) => job.jobId)).toEqual([arr.jobId])
    // maxRunning keeps the longest-running ones; the counts still have them all.
    const few = await new StatusReader(jobs, [{key: 'default', name: 'q'}], {maxRunning: 0}).read()
    expect(few.queues[0]!.running).toEqual([])
    expect(few.queues[0]!.counts.PENDING).toBe(1)

    // A job that is submitted and finishes between two reads is still counted within terminalRefreshMs.
    await submitOnce(jobs, {jobName: 'quick', jobQueue: 'q', jobDefinition: 'def'})
    advance(emulator, 5_000)
    expect((await reader.read()).queues[0]!.counts.SUCCEEDED).toBe(0)
    clock += 60_000
    const refreshed = await reader.read()
    expect(refreshed.calls).toBe(7)
    expect(refreshed.queues[0]!.counts.SUCCEEDED).toBe(1)
  }, 60_000)

  it('pages through ListJobs and marks a count cut at maxPages as a lower bound', async () => {
    const {jobs, emulator} = await jobsFixture({speed: 0, maxvCpus: 1})
    // 1,002 plain jobs on 1 vCPU: one runs, the others wait RUNNABLE.
    for (let i = 0; i < 1_002; i++) await submitOnce(jobs, {jobName: `j${i}`, jobQueue: 'q', jobDefinition: 'def'})
    advance(emulator, 1_100)
    const full = await new StatusReader(jobs, [{key: 'default', name: 'q'}]).read()
    expect(full.queues[0]!.counts.RUNNABLE + full.queues[0]!.counts.STARTING + full.queues[0]!.counts.RUNNING).toBe(1_002)
    expect(full.queues[0]!.truncated).toEqual([])
    expect(full.queues[0]!.running).toHaveLength(1)
    const cut = await new StatusReader(jobs, [{key: 'default', name: 'q'}], {maxPages: 1}).read()
    expect(cut.queues[0]!.counts.RUNNABLE).toBe(1_000)
    expect(cut.queues[0]!.truncated).toEqual(['RUNNABLE'])
  }, 120_000)
})
