import {type BatchClient, CancelJobCommand, DescribeJobsCommand, type JobStatus, ListJobsCommand, SubmitJobCommand, TerminateJobCommand} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {advance, createEc2Environment, createQueue, describe1, registerContainerDefinition, simpleSetup, startBatch} from './batch-jobs-setup.js'

const STATUSES: JobStatus[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED']

/** Every child id of an array job in one status, following nextToken. */
async function listChildren(batch: BatchClient, arrayJobId: string, jobStatus: JobStatus): Promise<string[]> {
  const ids: string[] = []
  let nextToken: string | undefined
  do {
    const page = await batch.send(new ListJobsCommand({arrayJobId, jobStatus, maxResults: 1000, nextToken}))
    ids.push(...(page.jobSummaryList ?? []).map((j) => j.jobId!))
    nextToken = page.nextToken
  } while (nextToken)
  return ids
}

describe('Batch array jobs', () => {
  // AWS: "Array jobs" (User Guide) — children `<id>:<index>`, AWS_BATCH_JOB_ARRAY_INDEX, parent SUCCEEDED
  // when all children succeed; ArrayPropertiesDetail (API reference) — statusSummary on the parent, index on children.
  it('spawns children <id>:<index> and derives the parent status and statusSummary from them', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 2)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'arr', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 3}}))
    let parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('SUBMITTED')
    // JobDetail.createdAt (API reference): children are "spawned by [the] parent" and enter PENDING
    // then; while the parent is SUBMITTED there are none to count, list or describe.
    expect(parent.arrayProperties).toMatchObject({size: 3, statusSummary: {PENDING: 0, RUNNING: 0, SUCCEEDED: 0}})
    expect((await batch.send(new DescribeJobsCommand({jobs: [`${jobId}:1`]}))).jobs).toEqual([])
    expect((await batch.send(new ListJobsCommand({arrayJobId: jobId, jobStatus: 'PENDING'}))).jobSummaryList).toEqual([])

    emulator.clock.advance(500)
    parent = await describe1(batch, jobId!)
    // Spawned and placed at once: two on the 2-vCPU environment, one waiting.
    expect(parent.arrayProperties?.statusSummary).toMatchObject({PENDING: 0, STARTING: 2, RUNNABLE: 1})
    const child = await describe1(batch, `${jobId}:1`)
    expect(child).toMatchObject({jobId: `${jobId}:1`, status: 'STARTING', arrayProperties: {index: 1}, jobName: 'arr'})
    expect(child.jobArn).toBe(`arn:aws:batch:us-east-1:123456789012:job/${jobId}:1`)
    expect(child.createdAt! - parent.createdAt!).toBe(500)

    emulator.clock.advance(500)
    parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('PENDING')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({RUNNING: 2, RUNNABLE: 1})
    // ListJobs by queue shows the parent, not the children.
    const inQueue = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'PENDING'}))
    expect(inQueue.jobSummaryList?.map((j) => j.jobId)).toEqual([jobId])
    expect(inQueue.jobSummaryList?.[0]?.arrayProperties?.size).toBe(3)

    advance(emulator, 10_000)
    parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('SUCCEEDED')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({SUCCEEDED: 3, FAILED: 0, RUNNING: 0})
    expect(parent.stoppedAt).toBeTypeOf('number')
    // Nothing keeps ticking once every job is done (no polling left behind).
    advance(emulator, 5_000)
    expect(emulator.clock.pending).toBe(0)
  })

  it('fails the parent when any child fails, once every child has finished', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 4)
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'arr',
        jobQueue: 'q',
        jobDefinition: 'def',
        arrayProperties: {size: 4},
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_FAIL_INDEXES', value: '2'}]},
      }),
    )
    advance(emulator, 10_000)
    const parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('FAILED')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({SUCCEEDED: 3, FAILED: 1})
    expect((await describe1(batch, `${jobId}:2`)).container?.exitCode).toBe(1)
  })

  // AWS: "Job dependencies" — SEQUENTIAL runs children one after another from index 0; N_TO_N makes child i
  // wait for child i of the dependency.
  it('runs SEQUENTIAL children one at a time in index order', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 8)
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'seq', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 3}, dependsOn: [{type: 'SEQUENTIAL'}]}),
    )
    emulator.clock.advance(1_500)
    const summary = (await describe1(batch, jobId!)).arrayProperties?.statusSummary
    expect(summary).toMatchObject({RUNNING: 1, PENDING: 2})
    advance(emulator, 20_000)
    const children = (await batch.send(new DescribeJobsCommand({jobs: [0, 1, 2].map((i) => `${jobId}:${i}`)}))).jobs!
    expect(children.map((c) => c.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'])
    expect(children[1]!.startedAt!).toBeGreaterThanOrEqual(children[0]!.stoppedAt!)
    expect(children[2]!.startedAt!).toBeGreaterThanOrEqual(children[1]!.stoppedAt!)
  })

  it('makes N_TO_N children wait for the matching child, and fail when it fails', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 8)
    const first = await batch.send(
      new SubmitJobCommand({
        jobName: 'first',
        jobQueue: 'q',
        jobDefinition: 'def',
        arrayProperties: {size: 2},
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_FAIL_INDEXES', value: '1'}]},
      }),
    )
    const second = await batch.send(
      new SubmitJobCommand({
        jobName: 'second',
        jobQueue: 'q',
        jobDefinition: 'def',
        arrayProperties: {size: 2},
        dependsOn: [{jobId: first.jobId, type: 'N_TO_N'}],
      }),
    )
    advance(emulator, 20_000)
    const zero = await describe1(batch, `${second.jobId}:0`)
    const one = await describe1(batch, `${second.jobId}:1`)
    expect(zero.status).toBe('SUCCEEDED')
    expect(zero.startedAt!).toBeGreaterThanOrEqual((await describe1(batch, `${first.jobId}:0`)).stoppedAt!)
    expect(one.status).toBe('FAILED')
    expect(one.statusReason).toBe('Dependent Job failed')
  })

  it('terminates every child with the parent', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'arr', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 3}}))
    emulator.clock.advance(1_500)
    await batch.send(new TerminateJobCommand({jobId, reason: 'stop all'}))
    const parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('FAILED')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({FAILED: 3, RUNNING: 0, RUNNABLE: 0})
    const children = (await batch.send(new DescribeJobsCommand({jobs: [0, 1, 2].map((i) => `${jobId}:${i}`)}))).jobs!
    expect(children.map((c) => c.statusReason)).toEqual(['stop all', 'stop all', 'stop all'])
  })

  // AWS: CancelJob (API reference) — cancelling an array parent cancels the children that have not started;
  // the parent finishes when all children have.
  it('cancels the unstarted children of a 10,000-child array and lets the running ones finish', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 10)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'big', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 10_000}}))
    emulator.clock.advance(1_000)
    await batch.send(new CancelJobCommand({jobId, reason: 'stop the sweep'}))
    let parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('PENDING')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({RUNNING: 10, FAILED: 9_990, RUNNABLE: 0})
    expect(await describe1(batch, `${jobId}:9999`)).toMatchObject({status: 'FAILED', statusReason: 'stop the sweep', isCancelled: true})
    advance(emulator, 3_000)
    parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('FAILED')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({SUCCEEDED: 10, FAILED: 9_990})
  })

  // Performance and consistency: a 10,000-child array under a queue with 500 vCPUs. At every step the parent's
  // statusSummary, ListJobs (per status, paginated) and DescribeJobs of sampled children agree.
  it('runs 10,000 children to completion under limited vCPUs with summary, ListJobs and DescribeJobs agreeing', async () => {
    const fixture = await startBatch({services: {batch: {jobDurationMs: 2_000}}})
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'ce', 500)
    await createQueue(batch, 'q', [ce])
    await registerContainerDefinition(batch, 'def')
    const size = 10_000
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'big', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size}}))
    let steps = 0
    let sawWaiting = false
    for (;;) {
      const parent = await describe1(batch, jobId!)
      const summary = parent.arrayProperties!.statusSummary!
      const listed = new Map<string, string>()
      for (const status of STATUSES) {
        const ids = await listChildren(batch, jobId!, status)
        expect(ids.length, `${status} at step ${steps}`).toBe(summary[status])
        for (const id of ids) listed.set(id, status)
      }
      // Children exist once the parent left SUBMITTED (and spawned them).
      expect(listed.size).toBe(parent.status === 'SUBMITTED' ? 0 : size)
      expect((summary.STARTING ?? 0) + (summary.RUNNING ?? 0)).toBeLessThanOrEqual(500)
      if ((summary.RUNNABLE ?? 0) > 0 && (summary.RUNNING ?? 0) + (summary.STARTING ?? 0) === 500) sawWaiting = true
      const sample = Array.from({length: 100}, (_, i) => `${jobId}:${(i * 97 + steps * 13) % size}`)
      const described = (await batch.send(new DescribeJobsCommand({jobs: sample}))).jobs!
      for (const child of described) expect(child.status).toBe(listed.get(child.jobId!))
      if (parent.status === 'SUCCEEDED' || parent.status === 'FAILED') {
        expect(parent.status).toBe('SUCCEEDED')
        expect(summary.SUCCEEDED).toBe(size)
        break
      }
      emulator.clock.advance(1_500)
      steps++
      expect(steps).toBeLessThan(200)
    }
    expect(sawWaiting).toBe(true)
  }, 180_000)
})
