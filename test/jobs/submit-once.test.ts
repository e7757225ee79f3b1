import {BatchClient} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {BatchJobs} from '../../src/aws/jobs/batch-jobs.js'
import {SUBMISSION_TAG, SubmitOutcomeUnknown} from '../../src/jobs/jobs-api.js'
import {submitOnce} from '../../src/jobs/submit.js'
import {jobsFixture} from './fixture.js'

const request = {jobName: 'once', jobQueue: 'q', jobDefinition: 'def'}

describe('submitOnce', () => {
  it('tags the job with a unique submission id and makes one SubmitJob call', async () => {
    const {jobs, emulator} = await jobsFixture()
    const first = await submitOnce(jobs, request)
    const second = await submitOnce(jobs, request)
    expect(first.submissionId).not.toBe(second.submissionId)
    const calls = emulator.calls.find('batch', 'SubmitJob')
    expect(calls).toHaveLength(2)
    expect((calls[0]!.input as {tags: Record<string, string>}).tags[SUBMISSION_TAG]).toBe(first.submissionId)
    expect(first).toMatchObject({recovered: false, submitCalls: 1})
  })

  it('finds the job by its tag when the answer is lost, and starts no second job', async () => {
    // The emulator creates the job, then resets the connection instead of answering.
    const {jobs, emulator} = await jobsFixture({
      emulator: {faults: {rules: [{service: 'batch', operation: 'SubmitJob', dropResponseRate: 1, times: 1}]}},
    })
    const earlier = await submitOnce(jobs, request, {lookupDelaysMs: [0]})
    expect(earlier.recovered).toBe(true)
    // Another job of the same name is now in the queue: it must not be mistaken for ours.
    emulator.faults.configure({rules: [{service: 'batch', operation: 'SubmitJob', dropResponseRate: 1, times: 1}]})
    const before = emulator.calls.count('batch', 'SubmitJob')
    const result = await submitOnce(jobs, request, {lookupDelaysMs: [0]})
    expect(result.recovered).toBe(true)
    expect(emulator.calls.count('batch', 'SubmitJob') - before).toBe(1)
    const listed = await jobs.findJobsByName('q', 'once')
    // The first call (also dropped, then recovered) and this one: two jobs, no duplicate of either.
    expect(listed).toHaveLength(2)
    const [mine] = await jobs.describeJobs([result.jobId])
    expect(mine?.tags[SUBMISSION_TAG]).toBe(result.submissionId)
  })

  it('waits for a timed-out submission to land before submitting again', async () => {
    // SubmitJob answers after 1.5 s; the adapter gives up after 0.5 s. The job is created
    // after the first look-up, so only a later look-up finds it.
    const {emulator, config} = await jobsFixture({
      emulator: {faults: {rules: [{service: 'batch', operation: 'SubmitJob', latencyMs: 1500, times: 1}]}},
    })
    const jobs = new BatchJobs(new BatchClient({...config, maxAttempts: 8}), {submitTimeoutMs: 500})
    const result = await submitOnce(jobs, request, {lookupDelaysMs: [0, 2000]})
    expect(result).toMatchObject({recovered: true, submitCalls: 1})
    expect(emulator.calls.count('batch', 'SubmitJob')).toBe(1)
    expect(await jobs.findJobsByName('q', 'once')).toHaveLength(1)
  })

  it('submits again when the look-ups prove the first attempt never landed', async () => {
    // A 500 before the handler runs: nothing was created; the look-up finds nothing and the second call succeeds.
    const {jobs, emulator} = await jobsFixture({
      emulator: {faults: {rules: [{service: 'batch', operation: 'SubmitJob', errorRate: 1, times: 1}]}},
    })
    const result = await submitOnce(jobs, request, {lookupDelaysMs: [0]})
    expect(result).toMatchObject({recovered: false, submitCalls: 2})
    expect(emulator.calls.count('batch', 'SubmitJob')).toBe(2)
    expect(await jobs.findJobsByName('q', 'once')).toHaveLength(1)
  })

  it('gives up with SubmitOutcomeUnknown after maxSubmits unknown outcomes', async () => {
    const {jobs} = await jobsFixture({emulator: {faults: {rules: [{service: 'batch', operation: 'SubmitJob', errorRate: 1}]}}})
    await expect(submitOnce(jobs, request, {lookupDelaysMs: [0], maxSubmits: 2})).rejects.toBeInstanceOf(SubmitOutcomeUnknown)
  })

  it('lets the SDK retry throttled submissions (refused, so safe to repeat)', async () => {
    const {jobs, emulator} = await jobsFixture({emulator: {faults: {rules: [{service: 'batch', operation: 'SubmitJob', throttleRate: 1, times: 2}]}}})
    const result = await submitOnce(jobs, request, {lookupDelaysMs: [0]})
    expect(result).toMatchObject({recovered: false, submitCalls: 1})
    expect(emulator.calls.count('batch', 'SubmitJob')).toBe(3)
    expect(emulator.calls.count('batch', 'ListJobs')).toBe(0)
  })
})
