import {
  CancelJobsCommand,
  CreateComputeEnvironmentCommand,
  DeleteComputeEnvironmentCommand,
  DeleteJobQueueCommand,
  DescribeComputeEnvironmentsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
  TerminateJobsCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {expectClientException} from './batch-builders.js'
import {advance, createEc2Environment, createFargateEnvironment, createQueue, describe1, registerContainerDefinition, registerFargateDefinition, simpleSetup, startBatch} from './batch-jobs-setup.js'

// Fidelity checks of how the Batch emulator stops jobs (bulk cancel / terminate, deleting their
// queue or their Fargate compute environment) against the AWS Batch API reference, each citing
// the page. Real @aws-sdk/client-batch over HTTP, virtual clock.

describe('Batch fidelity: DeleteJobQueue and the jobs still in the queue', () => {
  // AWS: DeleteJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteJobQueue.html
  // "All jobs in the queue are eventually terminated when you delete a job queue."
  it('terminates the running and waiting jobs of a deleted queue, and leaves other queues alone', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'ce', 1)
    await createQueue(batch, 'doomed', [ce], {priority: 10})
    await createQueue(batch, 'kept', [ce], {priority: 1})
    await registerContainerDefinition(batch, 'def')
    const running = await batch.send(new SubmitJobCommand({jobName: 'running', jobQueue: 'doomed', jobDefinition: 'def', retryStrategy: {attempts: 3}}))
    const waiting = await batch.send(new SubmitJobCommand({jobName: 'waiting', jobQueue: 'doomed', jobDefinition: 'def'}))
    const array = await batch.send(new SubmitJobCommand({jobName: 'array', jobQueue: 'doomed', jobDefinition: 'def', arrayProperties: {size: 2}}))
    const other = await batch.send(new SubmitJobCommand({jobName: 'other', jobQueue: 'kept', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, running.jobId!)).status).toBe('RUNNING')
    expect((await describe1(batch, waiting.jobId!)).status).toBe('RUNNABLE')

    // "You must first disable submissions for a queue with the UpdateJobQueue operation."
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'doomed', state: 'DISABLED'}))
    await batch.send(new DeleteJobQueueCommand({jobQueue: 'doomed'}))

    const stopped = await describe1(batch, running.jobId!)
    expect(stopped).toMatchObject({status: 'FAILED', isTerminated: true})
    // Terminated, not retried, although attempts remained.
    expect(stopped.attempts).toHaveLength(1)
    expect((await describe1(batch, waiting.jobId!)).status).toBe('FAILED')
    const parent = await describe1(batch, array.jobId!)
    expect(parent.status).toBe('FAILED')
    expect(parent.arrayProperties?.statusSummary).toMatchObject({FAILED: 2})

    // The vCPU the terminated job held goes to the other queue's job, which runs to the end.
    advance(emulator, 5_000)
    expect((await describe1(batch, other.jobId!)).status).toBe('SUCCEEDED')
    expect((await describe1(batch, running.jobId!)).attempts).toHaveLength(1)
  })
})

describe('Batch fidelity: CancelJobs and TerminateJobs (bulk), and what ListJobs shows of them', () => {
  // AWS: CancelJobs — https://docs.aws.amazon.com/batch/latest/APIReference/API_CancelJobs.html
  // "Cancels up to 50 jobs … Jobs that progressed to the STARTING or RUNNING state aren't cancelled
  // … The response returns an HTTP status code of 200 even when some jobs encountered errors …
  // Jobs that can't be found are treated as successfully processed."
  // AWS: JobSummary — https://docs.aws.amazon.com/batch/latest/APIReference/API_JobSummary.html
  // (isCancelled, isTerminated: ListJobs returns them since the bulk operations came, September 2026).
  it('cancels waiting jobs, leaves a running one alone, reports unknown ids as successful, and ListJobs flags them', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const running = await batch.send(new SubmitJobCommand({jobName: 'running', jobQueue: 'q', jobDefinition: 'def'}))
    const a = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def'}))
    const b = await batch.send(new SubmitJobCommand({jobName: 'b', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    const out = await batch.send(new CancelJobsCommand({jobs: [a.jobId!, b.jobId!, running.jobId!, 'no-such-job'], reason: 'bulk cancel'}))
    expect(out.successful).toEqual([a.jobId, b.jobId, running.jobId, 'no-such-job'])
    expect(out.errors).toEqual([])
    for (const id of [a.jobId!, b.jobId!]) expect(await describe1(batch, id)).toMatchObject({status: 'FAILED', statusReason: 'bulk cancel', isCancelled: true})
    expect((await describe1(batch, running.jobId!)).status).toBe('RUNNING')

    const failed = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'FAILED'}))
    expect(failed.jobSummaryList?.map((job) => [job.jobName, job.isCancelled])).toEqual([
      ['a', true],
      ['b', true],
    ])
  })

  // AWS: TerminateJobs — https://docs.aws.amazon.com/batch/latest/APIReference/API_TerminateJobs.html
  // "Jobs that are in the STARTING or RUNNING state are terminated, which causes them to transition
  // to FAILED. Jobs that have not progressed to the STARTING state are cancelled."
  it('terminates running and waiting jobs in one call', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const running = await batch.send(new SubmitJobCommand({jobName: 'running', jobQueue: 'q', jobDefinition: 'def'}))
    const waiting = await batch.send(new SubmitJobCommand({jobName: 'waiting', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    const out = await batch.send(new TerminateJobsCommand({jobs: [running.jobId!, waiting.jobId!], reason: 'stop all'}))
    expect(out).toMatchObject({successful: [running.jobId, waiting.jobId], errors: []})
    expect(await describe1(batch, running.jobId!)).toMatchObject({status: 'FAILED', statusReason: 'stop all', isTerminated: true})
    expect(await describe1(batch, waiting.jobId!)).toMatchObject({status: 'FAILED', statusReason: 'stop all'})
    const listed = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'FAILED'}))
    expect(listed.jobSummaryList?.find((job) => job.jobId === running.jobId)?.isTerminated).toBe(true)
  })

  // Request limits: "An array of up to 50 … job IDs"; reason "has a limit of 1024 characters".
  it('refuses no ids, more than 50 ids and a reason over 1024 characters as a whole, and reports an empty id per job', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture, 1)
    await expectClientException(batch.send(new CancelJobsCommand({jobs: [], reason: 'x'})), /jobs is required/)
    const fiftyOne = Array.from({length: 51}, (_, i) => `job-${i}`)
    await expectClientException(batch.send(new TerminateJobsCommand({jobs: fiftyOne, reason: 'x'})), /at most 50 job IDs/)
    await expectClientException(batch.send(new CancelJobsCommand({jobs: ['a'], reason: 'r'.repeat(1025)})), /1024 characters/)
    const out = await batch.send(new CancelJobsCommand({jobs: ['', 'missing'], reason: 'x'}))
    expect(out.successful).toEqual(['missing'])
    expect(out.errors).toEqual([{job: '', code: 'ValidationException', message: expect.any(String)}])
  })
})

describe('Batch fidelity: deleting a Fargate compute environment with active jobs', () => {
  // AWS: DeleteComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteComputeEnvironment.html
  // "Compute environments that use AWS Fargate resources must terminate all active jobs on that
  // compute environment before deleting the compute environment. If this isn't done, the compute
  // environment enters an invalid state."
  it('goes INVALID instead of away while a job still runs on it, and deletes once the job is terminated', async () => {
    const {batch, emulator} = await startBatch()
    const old = await createFargateEnvironment(batch, 'old', 4)
    const next = await createFargateEnvironment(batch, 'next', 4)
    await createQueue(batch, 'q', [old])
    await registerFargateDefinition(batch, [{name: 'BATCHCTL_SIM_DURATION_MS', value: '600000'}])
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'long', jobQueue: 'q', jobDefinition: 'fargate'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, jobId!)).status).toBe('RUNNING')

    // Detach and disable, as DeleteComputeEnvironment requires, while the job keeps running.
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: next}]}))
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'old', state: 'DISABLED'}))
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'old'}))
    const [invalid] = (await batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: ['old']}))).computeEnvironments ?? []
    expect(invalid).toMatchObject({status: 'INVALID', state: 'DISABLED'})
    expect(invalid?.statusReason).toMatch(/active/)
    expect((await describe1(batch, jobId!)).status).toBe('RUNNING')

    await batch.send(new TerminateJobCommand({jobId, reason: 'clean up'}))
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: old}))
    expect((await batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: ['old']}))).computeEnvironments).toEqual([])
  })
})


describe('Batch fidelity: jobs on instances an infrastructure update replaces', () => {
  // AWS: UpdatePolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdatePolicy.html
  // terminateJobsOnUpdate: "Specifies whether jobs are automatically terminated when the compute
  // environment infrastructure is updated. The default value is false."; jobExecutionTimeoutMinutes:
  // "Specifies the job timeout (in minutes) when the compute environment infrastructure is updated.
  // The default value is 30." Scaling updates replace nothing (User Guide, "Perform scaling updates").
  it('terminates running jobs at once with terminateJobsOnUpdate, else after jobExecutionTimeoutMinutes', async () => {
    const {batch, emulator} = await startBatch()
    const {computeEnvironmentArn} = await batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: 'ce',
        type: 'MANAGED',
        computeResources: {
          type: 'EC2',
          allocationStrategy: 'BEST_FIT_PROGRESSIVE',
          minvCpus: 0,
          maxvCpus: 8,
          instanceTypes: ['m5'],
          instanceRole: 'ecsInstanceRole',
          subnets: ['subnet-11111111'],
          securityGroupIds: ['sg-11111111'],
        },
      }),
    )
    await createQueue(batch, 'q', [computeEnvironmentArn!])
    await registerContainerDefinition(batch, 'long', {environment: [{name: 'BATCHCTL_SIM_DURATION_MS', value: '3600000'}]})
    const submit = async () => (await batch.send(new SubmitJobCommand({jobName: 'long', jobQueue: 'q', jobDefinition: 'long'}))).jobId!
    const first = await submit()
    emulator.clock.advance(1_000)
    expect((await describe1(batch, first)).status).toBe('RUNNING')

    // A scaling update leaves it running.
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {maxvCpus: 16}}))
    expect((await describe1(batch, first)).status).toBe('RUNNING')
    // An infrastructure update with terminateJobsOnUpdate ends it now.
    await batch.send(
      new UpdateComputeEnvironmentCommand({
        computeEnvironment: 'ce',
        computeResources: {instanceTypes: ['c5']},
        updatePolicy: {terminateJobsOnUpdate: true},
      }),
    )
    const ended = await describe1(batch, first)
    expect(ended).toMatchObject({status: 'FAILED', isTerminated: true})
    expect(ended.statusReason).toMatch(/infrastructure update/)

    // Without it, the job may run for jobExecutionTimeoutMinutes more.
    const second = await submit()
    emulator.clock.advance(1_000)
    expect((await describe1(batch, second)).status).toBe('RUNNING')
    await batch.send(
      new UpdateComputeEnvironmentCommand({
        computeEnvironment: 'ce',
        computeResources: {instanceTypes: ['m6i']},
        updatePolicy: {terminateJobsOnUpdate: false, jobExecutionTimeoutMinutes: 2},
      }),
    )
    advance(emulator, 119_000, 1_000)
    expect((await describe1(batch, second)).status).toBe('RUNNING')
    advance(emulator, 1_000)
    expect((await describe1(batch, second)).status).toBe('FAILED')
  })
})
