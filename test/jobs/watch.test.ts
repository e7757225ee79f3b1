import {describe, expect, it} from 'vitest'

import {CallBudget} from '../../src/jobs/call-budget.js'
import {submitOnce} from '../../src/jobs/submit.js'
import {JobWatcher, nextInterval, watchJob, type WatchEvent} from '../../src/jobs/watch.js'
import {advance} from '../local/batch-jobs-setup.js'
import {jobsFixture} from './fixture.js'

describe('watchJob', () => {
  it('watches a 10,000-child array with a handful of calls, far below the Batch API limit', async () => {
    // 10,000 one-vCPU children on 2,048 vCPUs, two of them failing.
    const {jobs, emulator} = await jobsFixture({speed: 200, maxvCpus: 2048})
    const {jobId} = await submitOnce(jobs, {
      jobName: 'huge',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 10_000},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_FAIL_INDEXES', value: '17,9999'}]},
    })
    const events: WatchEvent[] = []
    const budget = new CallBudget(5)
    const started = Date.now()
    const final = await watchJob(jobs, jobId, (event) => events.push(event), {budget, pollMinMs: 200, pollMaxMs: 1000})
    const elapsedSeconds = (Date.now() - started) / 1000
    expect(final.status).toBe('FAILED')
    const failed = events.filter((e) => e.type === 'child-failed')
    expect(failed.map((e) => (e as {label: string}).label).sort()).toEqual(['[17]', '[9999]'])
    expect(failed[0]).toMatchObject({exitCode: 1, reason: 'Essential container in task exited'})
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1)
    // No DescribeJobs of children and no listing of statuses whose details are not needed.
    const describes = emulator.calls.find('batch', 'DescribeJobs')
    for (const call of describes) expect((call.input as {jobs: string[]}).jobs).toEqual([jobId])
    const lists = emulator.calls.find('batch', 'ListJobs')
    for (const call of lists) expect(call.input).toMatchObject({arrayJobId: jobId, jobStatus: 'FAILED'})
    // The budget held: 5 calls a second plus the initial burst of 5.
    expect(budget.taken).toBe(describes.length + lists.length)
    expect(budget.taken).toBeLessThanOrEqual(5 + 5 * elapsedSeconds + 1)
  }, 180_000)

  it('reports status changes in order and the counts by status as they move', async () => {
    const {jobs} = await jobsFixture({speed: 50, maxvCpus: 2})
    const {jobId} = await submitOnce(jobs, {jobName: 'small', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 4}})
    const events: WatchEvent[] = []
    await watchJob(jobs, jobId, (event) => events.push(event), {pollMinMs: 50, pollMaxMs: 100, budget: new CallBudget(100)})
    const statuses = events.filter((e) => e.type === 'status').map((e) => (e as {status: string}).status)
    expect(statuses.at(-1)).toBe('SUCCEEDED')
    const order = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED']
    expect(statuses.map((s) => order.indexOf(s))).toEqual([...statuses.map((s) => order.indexOf(s))].sort((a, b) => a - b))
    const counts = events.filter((e) => e.type === 'counts') as Array<Extract<WatchEvent, {type: 'counts'}>>
    expect(counts.at(-1)?.counts).toMatchObject({SUCCEEDED: 4, RUNNING: 0})
    // With 2 vCPUs, never more than 2 children run at once.
    for (const c of counts) expect(c.counts.RUNNING + c.counts.STARTING).toBeLessThanOrEqual(2)
  }, 60_000)

  it('refuses an unknown job id', async () => {
    const {jobs} = await jobsFixture()
    await expect(watchJob(jobs, '00000000-0000-0000-0000-000000000000', () => {})).rejects.toThrow(/not found/)
  })
})

describe('nextInterval', () => {
  it('drops to the minimum on change and grows by half while idle, up to the maximum', () => {
    expect(nextInterval(8000, true, 1000, 10_000)).toBe(1000)
    expect(nextInterval(1000, false, 1000, 10_000)).toBe(1500)
    expect(nextInterval(9000, false, 1000, 10_000)).toBe(10_000)
  })
})

describe('JobWatcher streams of array children (clock moved by hand)', () => {
  const arrayOf4 = {jobName: 'four', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 4}}
  const finalStreams = (events: WatchEvent[]) => events.flatMap((e) => (e.type === 'streams' ? e.streams : [])).filter((s) => s.final)

  it('describes children seen running again when they finish, without listing the finished ones', async () => {
    const {jobs, emulator} = await jobsFixture({speed: 0, maxvCpus: 4})
    const {jobId} = await submitOnce(jobs, arrayOf4)
    const events: WatchEvent[] = []
    const watcher = new JobWatcher(jobs, jobId, (e) => events.push(e), {streams: true, budget: new CallBudget(1000)})
    advance(emulator, 1_600) // all four RUNNING (3 transitions of 500 ms)
    await watcher.poll()
    expect(events.flatMap((e) => (e.type === 'streams' ? e.streams : [])).map((s) => s.final)).toEqual([false, false, false, false])
    advance(emulator, 3_000) // all four SUCCEEDED
    await watcher.poll()
    expect(watcher.done).toBe(true)
    expect(finalStreams(events)).toHaveLength(4)
    const listed = emulator.calls.find('batch', 'ListJobs').map((c) => (c.input as {jobStatus: string}).jobStatus)
    expect(listed).not.toContain('SUCCEEDED')
  })

  it('finds the stream of a retry while it runs (the child started again)', async () => {
    const {jobs, emulator} = await jobsFixture({speed: 0, maxvCpus: 4})
    const {jobId} = await submitOnce(jobs, {
      ...arrayOf4,
      retryStrategy: {attempts: 2},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '1,0'}, {name: 'BATCHCTL_SIM_DURATION_MS', value: '10000'}]},
    })
    const events: WatchEvent[] = []
    const watcher = new JobWatcher(jobs, jobId, (e) => events.push(e), {streams: true, budget: new CallBudget(1000)})
    advance(emulator, 1_600) // first attempts RUNNING
    await watcher.poll()
    advance(emulator, 11_600) // first attempts failed, second attempts RUNNING
    await watcher.poll()
    const second = events.flatMap((e) => (e.type === 'streams' ? e.streams : [])).filter((s) => s.attempt === 2)
    expect(second).toHaveLength(4)
    expect(second.every((s) => !s.final && s.label.endsWith(' #2'))).toBe(true)
    expect(watcher.done).toBe(false)
  })

  it('lists the finished children when some finished between two rounds unseen', async () => {
    const {jobs, emulator} = await jobsFixture({speed: 0, maxvCpus: 4})
    const {jobId} = await submitOnce(jobs, arrayOf4)
    const events: WatchEvent[] = []
    const watcher = new JobWatcher(jobs, jobId, (e) => events.push(e), {streams: true, budget: new CallBudget(1000)})
    advance(emulator, 5_000)
    await watcher.poll()
    expect(finalStreams(events)).toHaveLength(4)
    const listed = emulator.calls.find('batch', 'ListJobs').map((c) => (c.input as {jobStatus: string}).jobStatus)
    expect(listed).toContain('SUCCEEDED')
  })
})
