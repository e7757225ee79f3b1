import {type JobDetail, ListJobsCommand, SubmitJobCommand} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import type {BatchState} from '../../src/local/services/batch/state.js'
import {advance, describe1, simpleSetup, startBatch} from './batch-jobs-setup.js'

describe('Batch jobs restored from a saved state', () => {
  it('lists restored finished jobs by queue and by array job, and lets new jobs depend on them', async () => {
    const first = await startBatch()
    await simpleSetup(first)
    const single = await first.batch.send(new SubmitJobCommand({jobName: 'single', jobQueue: 'q', jobDefinition: 'def'}))
    const array = await first.batch.send(new SubmitJobCommand({jobName: 'array', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 3}}))
    advance(first.emulator, 10_000)
    const ids = [single.jobId!, array.jobId!, ...[0, 1, 2].map((i) => `${array.jobId}:${i}`)]
    const saved = ((await first.emulator.invoke('batch', 'DescribeJobs', {jobs: ids})) as {jobs: JobDetail[]}).jobs
    expect(saved.map((job) => job.status)).toEqual(Array(5).fill('SUCCEEDED'))

    // A second emulator whose state already holds those jobs, as a state file restores them.
    const second = await startBatch()
    await simpleSetup(second)
    const state = second.emulator.state<BatchState>('batch')
    for (const job of structuredClone(saved)) state.jobs.set(job.jobId!, job)

    const inQueue = await second.batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'SUCCEEDED'}))
    expect(inQueue.jobSummaryList?.map((j) => j.jobId).sort()).toEqual([single.jobId, array.jobId].sort())
    const children = await second.batch.send(new ListJobsCommand({arrayJobId: array.jobId, jobStatus: 'SUCCEEDED'}))
    expect(children.jobSummaryList?.map((j) => j.jobId)).toEqual([0, 1, 2].map((i) => `${array.jobId}:${i}`))

    const next = await second.batch.send(
      new SubmitJobCommand({jobName: 'next', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: array.jobId}]}),
    )
    advance(second.emulator, 5_000)
    expect((await describe1(second.batch, next.jobId!)).status).toBe('SUCCEEDED')
  })
})
