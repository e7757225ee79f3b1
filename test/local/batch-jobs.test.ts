import {
  BatchServiceException,
  CancelJobCommand,
  ClientException,
  CreateJobQueueCommand,
  CreateSchedulingPolicyCommand,
  DeregisterJobDefinitionCommand,
  DescribeJobsCommand,
  ListJobsCommand,
  ListTagsForResourceCommand,
  SubmitJobCommand,
  TerminateJobCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {
  advance,
  createEc2Environment,
  createFargateEnvironment,
  createQueue,
  describe1,
  registerContainerDefinition,
  simpleSetup,
  startBatch,
} from './batch-jobs-setup.js'

async function clientError(promise: Promise<unknown>): Promise<ClientException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ClientException)
  expect((error as BatchServiceException).$metadata.httpStatusCode).toBe(400)
  return error as ClientException
}

describe('Batch jobs: lifecycle of a single job', () => {
  // AWS: "Job states" (AWS Batch User Guide) — SUBMITTED → RUNNABLE → STARTING → RUNNING → SUCCEEDED;
  // AWS: "JobDetail" / "AttemptContainerDetail" (API reference) — taskArn at STARTING, logStreamName at RUNNING.
  it('moves SUBMITTED → STARTING → RUNNING → SUCCEEDED on the virtual clock and records the attempt', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const submitted = await batch.send(new SubmitJobCommand({jobName: 'hello', jobQueue: 'q', jobDefinition: 'def'}))
    expect(submitted.jobArn).toBe(`arn:aws:batch:us-east-1:123456789012:job/${submitted.jobId}`)
    expect(submitted.jobName).toBe('hello')
    const jobId = submitted.jobId!

    let job = await describe1(batch, jobId)
    expect(job.status).toBe('SUBMITTED')
    expect(job.jobQueue).toBe('arn:aws:batch:us-east-1:123456789012:job-queue/q')
    expect(job.jobDefinition).toBe('arn:aws:batch:us-east-1:123456789012:job-definition/def:1')
    expect(job.createdAt).toBeTypeOf('number')
    expect(job.startedAt).toBeUndefined()

    emulator.clock.advance(500)
    job = await describe1(batch, jobId)
    expect(job.status).toBe('STARTING')
    expect(job.container?.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/.+\/[0-9a-f]{32}$/)
    expect(job.container?.logStreamName).toBeUndefined()

    emulator.clock.advance(500)
    job = await describe1(batch, jobId)
    expect(job.status).toBe('RUNNING')
    expect(job.startedAt).toBeGreaterThanOrEqual(job.createdAt! + 1000)
    const taskId = job.container!.taskArn!.split('/').pop()
    expect(job.container?.logStreamName).toBe(`def/default/${taskId}`)

    emulator.clock.advance(2000)
    job = await describe1(batch, jobId)
    expect(job.status).toBe('SUCCEEDED')
    expect(job.statusReason).toBe('Essential container in task exited')
    expect(job.container?.exitCode).toBe(0)
    expect(job.stoppedAt! - job.startedAt!).toBeGreaterThanOrEqual(2000)
    expect(job.attempts).toHaveLength(1)
    expect(job.attempts![0]).toMatchObject({
      container: {exitCode: 0, taskArn: job.container!.taskArn, logStreamName: job.container!.logStreamName},
      startedAt: job.startedAt,
      stoppedAt: job.stoppedAt,
      statusReason: 'Essential container in task exited',
    })
  })

  it('runs a whole job within one clock.advance (timers scheduled by timers fire at their own time)', async () => {
    const fixture = await startBatch()
    await simpleSetup(fixture)
    const {jobId} = await fixture.batch.send(new SubmitJobCommand({jobName: 'one-go', jobQueue: 'q', jobDefinition: 'def'}))
    fixture.emulator.clock.advance(3_100)
    const job = await describe1(fixture.batch, jobId!)
    expect(job.status).toBe('SUCCEEDED')
    expect(job.startedAt! - job.createdAt!).toBeGreaterThanOrEqual(1000)
    expect(job.startedAt! - job.createdAt!).toBeLessThan(3000)
  })

  it('fails a job whose simulated exit code is not 0, with the exit code on the attempt', async () => {
    const fixture = await startBatch()
    await simpleSetup(fixture)
    const {jobId} = await fixture.batch.send(
      new SubmitJobCommand({
        jobName: 'fails',
        jobQueue: 'q',
        jobDefinition: 'def',
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '3'}]},
      }),
    )
    advance(fixture.emulator, 4_000)
    const job = await describe1(fixture.batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.container?.exitCode).toBe(3)
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([3])
  })
})

describe('Batch jobs: SubmitJob validation', () => {
  // AWS: SubmitJob (API reference) — errors are ClientException (HTTP 400).
  it('rejects a bad job name, unknown queue or definition, and array sizes outside 2–10,000', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    // AWS's words, as seen from the CLI: "Error executing request, Exception : Job name should match valid pattern, RequestId: …".
    expect((await clientError(batch.send(new SubmitJobCommand({jobName: '-starts-with-dash', jobQueue: 'q', jobDefinition: 'def'})))).message).toMatch(
      /^Error executing request, Exception : Job name should match valid pattern, RequestId: [0-9a-f-]+$/,
    )
    await clientError(batch.send(new SubmitJobCommand({jobName: 'x'.repeat(129), jobQueue: 'q', jobDefinition: 'def'})))
    await clientError(batch.send(new SubmitJobCommand({jobName: 'has space', jobQueue: 'q', jobDefinition: 'def'})))
    expect((await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'nope', jobDefinition: 'def'})))).message).toBe(
      'JobQueue nope not found.',
    )
    expect((await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'nope'})))).message).toBe(
      'JobDefinition name nope does not exist or is not in ACTIVE status',
    )
    await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def:7'})))
    for (const size of [1, 10_001]) {
      await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size}})))
    }
    await clientError(
      batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def', timeout: {attemptDurationSeconds: 59}})),
    )
    await clientError(
      batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 11}})),
    )
    await clientError(
      batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: 'no-such-job'}]})),
    )
    // The largest array AWS accepts is accepted.
    const ok = await batch.send(
      new SubmitJobCommand({jobName: 'big', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 10_000}}),
    )
    expect(ok.jobId).toBeTruthy()
  })

  it('accepts the definition as name, name:revision or ARN, and refuses an INACTIVE revision', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const second = await registerContainerDefinition(batch, 'def', {command: ['echo', 'two']})
    const byName = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def'}))
    expect((await describe1(batch, byName.jobId!)).jobDefinition).toBe(second)
    const byRevision = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def:1'}))
    expect((await describe1(batch, byRevision.jobId!)).container?.command).toEqual(['echo', 'hello'])
    const byArn = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/q', jobDefinition: second}))
    expect((await describe1(batch, byArn.jobId!)).container?.command).toEqual(['echo', 'two'])
    await batch.send(new DeregisterJobDefinitionCommand({jobDefinition: 'def:1'}))
    await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def:1'})))
  })

  it('refuses jobs on a DISABLED queue', async () => {
    const fixture = await startBatch()
    await simpleSetup(fixture)
    await fixture.batch.send(new UpdateJobQueueCommand({jobQueue: 'q', state: 'DISABLED'}))
    await clientError(fixture.batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def'})))
  })

  // AWS: SubmitJob (API reference), shareIdentifier — required for queues with a fair-share scheduling policy.
  it('requires a share identifier on a fair-share queue and refuses one on a FIFO queue', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const policy = await batch.send(new CreateSchedulingPolicyCommand({name: 'fair', fairsharePolicy: {shareDecaySeconds: 0}}))
    const ce = 'arn:aws:batch:us-east-1:123456789012:compute-environment/ce'
    await createQueue(batch, 'fairq', [ce], {schedulingPolicyArn: policy.arn})
    await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'fairq', jobDefinition: 'def'})))
    await clientError(batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def', shareIdentifier: 'teamA'})))
    const ok = await batch.send(
      new SubmitJobCommand({jobName: 'a', jobQueue: 'fairq', jobDefinition: 'def', shareIdentifier: 'teamA', schedulingPriorityOverride: 5}),
    )
    const job = await describe1(batch, ok.jobId!)
    expect(job.shareIdentifier).toBe('teamA')
    expect(job.schedulingPriority).toBe(5)
  })
})

describe('Batch jobs: parameters and overrides', () => {
  // AWS: "Job definition parameters" — Ref:: placeholders in the command take the job's parameters,
  // SubmitJob parameters override the definition's defaults.
  it('merges parameters over the definition defaults and substitutes Ref:: in the command', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture, 4, {command: ['process', 'Ref::input', '--mode=Ref::mode', 'Ref::unknown'], parameters: {input: 'a.txt', mode: 'fast'}})
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'params', jobQueue: 'q', jobDefinition: 'def', parameters: {input: 'b.txt'}}),
    )
    const job = await describe1(batch, jobId!)
    expect(job.parameters).toEqual({input: 'b.txt', mode: 'fast'})
    expect(job.container?.command).toEqual(['process', 'b.txt', '--mode=fast', 'Ref::unknown'])
  })

  it('applies containerOverrides: command, environment merged by name, resource requirements', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture, 4, {environment: [{name: 'A', value: '1'}, {name: 'B', value: '2'}]})
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'overrides',
        jobQueue: 'q',
        jobDefinition: 'def',
        tags: {team: 'data'},
        containerOverrides: {
          command: ['echo', 'overridden'],
          environment: [{name: 'B', value: 'two'}, {name: 'C', value: '3'}],
          resourceRequirements: [{type: 'VCPU', value: '2'}],
        },
      }),
    )
    const job = await describe1(batch, jobId!)
    expect(job.container?.command).toEqual(['echo', 'overridden'])
    expect(job.container?.environment).toEqual([
      {name: 'A', value: '1'},
      {name: 'B', value: 'two'},
      {name: 'C', value: '3'},
    ])
    expect(job.container?.resourceRequirements).toEqual(
      expect.arrayContaining([
        {type: 'VCPU', value: '2'},
        {type: 'MEMORY', value: '512'},
      ]),
    )
    expect(job.tags).toEqual({team: 'data'})
  })

  // AWS: SubmitJob (API reference), tags — "Tagging your AWS Batch resources": jobs are taggable, `aws:` is reserved.
  it('tags jobs like every Batch resource', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    await clientError(batch.send(new SubmitJobCommand({jobName: 't', jobQueue: 'q', jobDefinition: 'def', tags: {'aws:reserved': 'x'}})))
    const {jobArn} = await batch.send(new SubmitJobCommand({jobName: 't', jobQueue: 'q', jobDefinition: 'def', tags: {team: 'data'}, propagateTags: true}))
    expect((await batch.send(new ListTagsForResourceCommand({resourceArn: jobArn}))).tags).toEqual({team: 'data'})
  })

  // AWS: "Can't override job definition resource requirements" (User Guide).
  it('refuses deprecated vcpus/memory overrides of a definition that uses resourceRequirements', async () => {
    const fixture = await startBatch()
    await simpleSetup(fixture)
    const error = await clientError(
      fixture.batch.send(new SubmitJobCommand({jobName: 'old', jobQueue: 'q', jobDefinition: 'def', containerOverrides: {vcpus: 2}})),
    )
    expect(error.message).toBe(
      "This value was submitted in a deprecated key and may conflict with the value provided by the job definition's resource requirements.",
    )
  })
})

describe('Batch jobs: capacity', () => {
  // AWS: "Job states" — RUNNABLE: the job waits in the queue for compute resources.
  it('keeps a job RUNNABLE until running jobs free enough vCPUs of the compute environment', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 2, {vcpus: 2})
    const first = await batch.send(new SubmitJobCommand({jobName: 'first', jobQueue: 'q', jobDefinition: 'def'}))
    const second = await batch.send(new SubmitJobCommand({jobName: 'second', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, first.jobId!)).status).toBe('RUNNING')
    expect((await describe1(batch, second.jobId!)).status).toBe('RUNNABLE')
    const runnable = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'RUNNABLE'}))
    expect(runnable.jobSummaryList?.map((j) => j.jobId)).toEqual([second.jobId])
    // Long after its submission the second job still waits: only the first job's end frees the vCPUs.
    emulator.clock.advance(1_900)
    expect((await describe1(batch, second.jobId!)).status).toBe('RUNNABLE')
    emulator.clock.advance(200)
    expect((await describe1(batch, first.jobId!)).status).toBe('SUCCEEDED')
    expect((await describe1(batch, second.jobId!)).status).toBe('STARTING')
    emulator.clock.advance(3_000)
    const done = await describe1(batch, second.jobId!)
    expect(done.status).toBe('SUCCEEDED')
    const firstDone = await describe1(batch, first.jobId!)
    expect(done.startedAt!).toBeGreaterThanOrEqual(firstDone.stoppedAt!)
  })

  it('serves queues sharing a compute environment by priority', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'shared', 1)
    await createQueue(batch, 'low', [ce], {priority: 1})
    await createQueue(batch, 'high', [ce], {priority: 10})
    await registerContainerDefinition(batch, 'def')
    const blocker = await batch.send(new SubmitJobCommand({jobName: 'blocker', jobQueue: 'low', jobDefinition: 'def'}))
    emulator.clock.advance(600)
    expect((await describe1(batch, blocker.jobId!)).status).toBe('STARTING')
    const low = await batch.send(new SubmitJobCommand({jobName: 'low', jobQueue: 'low', jobDefinition: 'def'}))
    const high = await batch.send(new SubmitJobCommand({jobName: 'high', jobQueue: 'high', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, low.jobId!)).status).toBe('RUNNABLE')
    expect((await describe1(batch, high.jobId!)).status).toBe('RUNNABLE')
    advance(emulator, 2_000)
    expect((await describe1(batch, blocker.jobId!)).status).toBe('SUCCEEDED')
    expect(['STARTING', 'RUNNING']).toContain((await describe1(batch, high.jobId!)).status)
    expect((await describe1(batch, low.jobId!)).status).toBe('RUNNABLE')
  })

  it('counts Fargate vCPUs too', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const ce = await createFargateEnvironment(batch, 'fargate', 1)
    await createQueue(batch, 'fq', [ce])
    await batch.send(
      new (await import('@aws-sdk/client-batch')).RegisterJobDefinitionCommand({
        jobDefinitionName: 'fdef',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: {
          image: 'busybox',
          command: ['true'],
          executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
          resourceRequirements: [
            {type: 'VCPU', value: '1'},
            {type: 'MEMORY', value: '2048'},
          ],
        },
      }),
    )
    const a = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'fq', jobDefinition: 'fdef'}))
    const b = await batch.send(new SubmitJobCommand({jobName: 'b', jobQueue: 'fq', jobDefinition: 'fdef'}))
    emulator.clock.advance(1_000)
    const running = await describe1(batch, a.jobId!)
    expect(running.status).toBe('RUNNING')
    expect(running.container?.containerInstanceArn).toBeUndefined()
    expect(running.platformCapabilities).toEqual(['FARGATE'])
    expect((await describe1(batch, b.jobId!)).status).toBe('RUNNABLE')
  })

  it('places nothing on a DISABLED compute environment and resumes when it is enabled again', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 4)
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'DISABLED'}))
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'waits', jobQueue: 'q', jobDefinition: 'def'}))
    advance(emulator, 5_000)
    expect((await describe1(batch, jobId!)).status).toBe('RUNNABLE')
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'ENABLED'}))
    advance(emulator, 5_000)
    expect((await describe1(batch, jobId!)).status).toBe('SUCCEEDED')
  })

  // AWS: "Jobs stuck in a RUNNABLE status" and "Automatic remediation with jobStateTimeLimitActions" (User Guide):
  // the blocking head job carries the reason in statusReason; a CANCEL action fires after maxTimeSeconds.
  it('reports a job too big for every compute environment as blocking the queue, and cancels it by jobStateTimeLimitActions', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'small', 2)
    await batch.send(
      new CreateJobQueueCommand({
        jobQueueName: 'q',
        priority: 1,
        computeEnvironmentOrder: [{order: 1, computeEnvironment: ce}],
        jobStateTimeLimitActions: [
          {reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', state: 'RUNNABLE', maxTimeSeconds: 600, action: 'CANCEL'},
        ],
      }),
    )
    await registerContainerDefinition(batch, 'big', {vcpus: 4})
    await registerContainerDefinition(batch, 'small', {vcpus: 1})
    const big = await batch.send(new SubmitJobCommand({jobName: 'big', jobQueue: 'q', jobDefinition: 'big'}))
    const behind = await batch.send(new SubmitJobCommand({jobName: 'behind', jobQueue: 'q', jobDefinition: 'small'}))
    advance(emulator, 5_000)
    const blocked = await describe1(batch, big.jobId!)
    expect(blocked.status).toBe('RUNNABLE')
    expect(blocked.statusReason).toBe(
      'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet the CPU requirement of the job.',
    )
    const listed = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'RUNNABLE'}))
    expect(listed.jobSummaryList?.find((j) => j.jobId === big.jobId)?.statusReason).toBe(blocked.statusReason)
    // FIFO: the job behind the blocked head waits too.
    expect((await describe1(batch, behind.jobId!)).status).toBe('RUNNABLE')
    advance(emulator, 600_000, 1_000)
    const cancelled = await describe1(batch, big.jobId!)
    expect(cancelled.status).toBe('FAILED')
    expect(cancelled.statusReason).toBe('Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE')
    advance(emulator, 5_000)
    expect((await describe1(batch, behind.jobId!)).status).toBe('SUCCEEDED')
  })

  // AWS: "Fair-share scheduling policies" (User Guide) — capacity goes to the share using least relative to its
  // weight; within a share, higher schedulingPriority first.
  it('shares a fair-share queue between share identifiers instead of first-in first-out', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'ce', 2)
    const policy = await batch.send(
      new CreateSchedulingPolicyCommand({
        name: 'fair',
        fairsharePolicy: {shareDistribution: [{shareIdentifier: 'teamA', weightFactor: 1}, {shareIdentifier: 'teamB', weightFactor: 1}]},
      }),
    )
    await createQueue(batch, 'fq', [ce], {schedulingPolicyArn: policy.arn})
    await registerContainerDefinition(batch, 'def')
    const submit = async (name: string, share: string, priority = 0): Promise<string> =>
      (
        await batch.send(
          new SubmitJobCommand({jobName: name, jobQueue: 'fq', jobDefinition: 'def', shareIdentifier: share, schedulingPriorityOverride: priority}),
        )
      ).jobId!
    const a1 = await submit('a1', 'teamA')
    const a2 = await submit('a2', 'teamA')
    const a3 = await submit('a3', 'teamA')
    const b1 = await submit('b1', 'teamB')
    const b2 = await submit('b2', 'teamB', 9)
    emulator.clock.advance(1_000)
    const running = (await batch.send(new ListJobsCommand({jobQueue: 'fq', jobStatus: 'RUNNING'}))).jobSummaryList!.map((j) => j.jobId)
    // One job of each share runs; in teamB the higher scheduling priority goes first.
    expect(running.sort()).toEqual([a1, b2].sort())
    const waiting = (await batch.send(new ListJobsCommand({jobQueue: 'fq', jobStatus: 'RUNNABLE'}))).jobSummaryList!.map((j) => j.jobId)
    expect(waiting.sort()).toEqual([a2, a3, b1].sort())
  })

  it('uses the next compute environment in order when the first is full', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    const first = await createEc2Environment(batch, 'first', 1)
    const second = await createEc2Environment(batch, 'second', 1)
    await createQueue(batch, 'q', [first, second])
    await registerContainerDefinition(batch, 'def', {command: ['sh', '-c', 'echo $AWS_BATCH_CE_NAME']})
    const a = await batch.send(new SubmitJobCommand({jobName: 'a', jobQueue: 'q', jobDefinition: 'def'}))
    const b = await batch.send(new SubmitJobCommand({jobName: 'b', jobQueue: 'q', jobDefinition: 'def'}))
    const c = await batch.send(new SubmitJobCommand({jobName: 'c', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    const statuses = await batch.send(new DescribeJobsCommand({jobs: [a.jobId!, b.jobId!, c.jobId!]}))
    expect(statuses.jobs?.map((j) => j.status)).toEqual(['RUNNING', 'RUNNING', 'RUNNABLE'])
  })
})

describe('Batch jobs: dependencies, retries, timeouts', () => {
  // AWS: "Job dependencies" — the dependant waits in PENDING, runs after success, fails when a dependency fails.
  it('holds a dependant in PENDING until its dependency succeeds', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const first = await batch.send(new SubmitJobCommand({jobName: 'first', jobQueue: 'q', jobDefinition: 'def'}))
    const second = await batch.send(
      new SubmitJobCommand({jobName: 'second', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: first.jobId}]}),
    )
    emulator.clock.advance(1_500)
    const pending = await describe1(batch, second.jobId!)
    expect(pending.status).toBe('PENDING')
    expect(pending.dependsOn).toEqual([{jobId: first.jobId}])
    advance(emulator, 2_000)
    expect((await describe1(batch, first.jobId!)).status).toBe('SUCCEEDED')
    advance(emulator, 4_000)
    const done = await describe1(batch, second.jobId!)
    expect(done.status).toBe('SUCCEEDED')
    expect(done.startedAt!).toBeGreaterThan((await describe1(batch, first.jobId!)).stoppedAt!)
  })

  it('fails the dependants (transitively) of a failed job with "Dependent Job failed", without running them', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const first = await batch.send(
      new SubmitJobCommand({
        jobName: 'first',
        jobQueue: 'q',
        jobDefinition: 'def',
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '1'}]},
      }),
    )
    const second = await batch.send(new SubmitJobCommand({jobName: 'second', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: first.jobId}]}))
    const third = await batch.send(new SubmitJobCommand({jobName: 'third', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: second.jobId}]}))
    advance(emulator, 5_000)
    for (const id of [second.jobId!, third.jobId!]) {
      const job = await describe1(batch, id)
      expect(job.status).toBe('FAILED')
      expect(job.statusReason).toBe('Dependent Job failed')
      expect(job.attempts).toEqual([])
      expect(job.startedAt).toBeUndefined()
    }
    // A job submitted after its dependency failed fails as well.
    const late = await batch.send(new SubmitJobCommand({jobName: 'late', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: first.jobId}]}))
    advance(emulator, 1_000)
    expect((await describe1(batch, late.jobId!)).statusReason).toBe('Dependent Job failed')
  })

  // AWS: "RetryStrategy" / "Automated job retries" — each retry is a new attempt going back to RUNNABLE.
  it('retries failed attempts up to retryStrategy.attempts, one attempt record and log stream each', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'flaky',
        jobQueue: 'q',
        jobDefinition: 'def',
        retryStrategy: {attempts: 3},
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '1,2,0'}]},
      }),
    )
    advance(emulator, 15_000)
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('SUCCEEDED')
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([1, 2, 0])
    const streams = new Set(job.attempts?.map((a) => a.container?.logStreamName))
    expect(streams.size).toBe(3)
    expect(job.container?.logStreamName).toBe(job.attempts![2]!.container!.logStreamName)
  })

  it('stops retrying when evaluateOnExit says EXIT for the exit code', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'exit-rule',
        jobQueue: 'q',
        jobDefinition: 'def',
        retryStrategy: {attempts: 5, evaluateOnExit: [{onExitCode: '4*', action: 'EXIT'}]},
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '1,42,0'}]},
      }),
    )
    advance(emulator, 15_000)
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.attempts?.map((a) => a.container?.exitCode)).toEqual([1, 42])
  })

  // AWS: "Job timeouts" (User Guide) — a job terminated for exceeding its timeout isn't retried.
  it('fails an attempt over attemptDurationSeconds with "Job attempt duration exceeded timeout", without retry', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'slow',
        jobQueue: 'q',
        jobDefinition: 'def',
        timeout: {attemptDurationSeconds: 60},
        retryStrategy: {attempts: 3},
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_DURATION_MS', value: '600000'}]},
      }),
    )
    advance(emulator, 60_000, 1_000)
    expect((await describe1(batch, jobId!)).status).toBe('RUNNING')
    advance(emulator, 2_000)
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.statusReason).toBe('Job attempt duration exceeded timeout')
    expect(job.attempts).toHaveLength(1)
    expect(job.stoppedAt! - job.startedAt!).toBeGreaterThanOrEqual(60_000)
    expect(job.stoppedAt! - job.startedAt!).toBeLessThan(62_000)
  })
})

describe('Batch jobs: CancelJob and TerminateJob', () => {
  // AWS: CancelJob (API reference) — SUBMITTED/PENDING/RUNNABLE jobs are cancelled (FAILED);
  // STARTING/RUNNING jobs aren't, yet the call succeeds.
  it('cancels a RUNNABLE job but leaves a RUNNING one alone', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const running = await batch.send(new SubmitJobCommand({jobName: 'running', jobQueue: 'q', jobDefinition: 'def'}))
    const waiting = await batch.send(new SubmitJobCommand({jobName: 'waiting', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    await batch.send(new CancelJobCommand({jobId: waiting.jobId, reason: 'not needed'}))
    await batch.send(new CancelJobCommand({jobId: running.jobId, reason: 'too late'}))
    const cancelled = await describe1(batch, waiting.jobId!)
    expect(cancelled.status).toBe('FAILED')
    expect(cancelled.statusReason).toBe('not needed')
    expect(cancelled.isCancelled).toBe(true)
    expect((await describe1(batch, running.jobId!)).status).toBe('RUNNING')
    advance(emulator, 3_000)
    expect((await describe1(batch, running.jobId!)).status).toBe('SUCCEEDED')
    await clientError(batch.send(new CancelJobCommand({jobId: 'no-such-job', reason: 'x'})))
  })

  // AWS: CancelJob (API reference) — "A PENDING job is canceled after all dependency jobs are completed."
  it('cancels a PENDING dependant only once its dependency has finished, without running it', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const first = await batch.send(new SubmitJobCommand({jobName: 'first', jobQueue: 'q', jobDefinition: 'def'}))
    const second = await batch.send(new SubmitJobCommand({jobName: 'second', jobQueue: 'q', jobDefinition: 'def', dependsOn: [{jobId: first.jobId}]}))
    emulator.clock.advance(1_000)
    await batch.send(new CancelJobCommand({jobId: second.jobId, reason: 'changed my mind'}))
    const waiting = await describe1(batch, second.jobId!)
    expect(waiting.status).toBe('PENDING')
    expect(waiting.isCancelled).toBe(true)
    advance(emulator, 3_000)
    expect((await describe1(batch, first.jobId!)).status).toBe('SUCCEEDED')
    const cancelled = await describe1(batch, second.jobId!)
    expect(cancelled.status).toBe('FAILED')
    expect(cancelled.statusReason).toBe('changed my mind')
    expect(cancelled.attempts).toEqual([])
  })

  // AWS: TerminateJob (API reference) — STARTING/RUNNING jobs move to FAILED; earlier ones are cancelled.
  it('terminates a RUNNING job: FAILED with the reason, attempt recorded, no retry', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'long', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 3}}),
    )
    emulator.clock.advance(1_500)
    expect((await describe1(batch, jobId!)).status).toBe('RUNNING')
    await batch.send(new TerminateJobCommand({jobId, reason: 'operator stop'}))
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.statusReason).toBe('operator stop')
    expect(job.isTerminated).toBe(true)
    expect(job.attempts).toHaveLength(1)
    advance(emulator, 10_000)
    expect((await describe1(batch, jobId!)).attempts).toHaveLength(1)
    // The vCPUs are free again: a new job starts at once.
    const next = await batch.send(new SubmitJobCommand({jobName: 'next', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    expect((await describe1(batch, next.jobId!)).status).toBe('RUNNING')
  })
})

describe('Batch jobs: ListJobs and DescribeJobs', () => {
  // AWS: ListJobs (API reference) — "If you don't specify a status, only RUNNING jobs are returned";
  // with a filter, jobStatus is ignored and results are sorted by createdAt, newest first.
  it('lists only RUNNING jobs by default, and filters ignore jobStatus', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const a = await batch.send(new SubmitJobCommand({jobName: 'etl-a', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(10)
    const b = await batch.send(new SubmitJobCommand({jobName: 'etl-b', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(10)
    const other = await batch.send(new SubmitJobCommand({jobName: 'report', jobQueue: 'q', jobDefinition: 'def'}))
    emulator.clock.advance(1_000)
    const running = await batch.send(new ListJobsCommand({jobQueue: 'q'}))
    expect(running.jobSummaryList?.map((j) => j.jobId)).toEqual([a.jobId])
    expect(running.jobSummaryList?.[0]).toMatchObject({jobName: 'etl-a', status: 'RUNNING', jobArn: expect.stringContaining(a.jobId!)})

    const byName = await batch.send(
      new ListJobsCommand({jobQueue: 'q', jobStatus: 'SUCCEEDED', filters: [{name: 'JOB_NAME', values: ['ETL-*']}]}),
    )
    expect(byName.jobSummaryList?.map((j) => j.jobId)).toEqual([b.jobId, a.jobId])

    const created = (await describe1(batch, b.jobId!)).createdAt!
    const after = await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'AFTER_CREATED_AT', values: [String(created)]}]}))
    expect(after.jobSummaryList?.map((j) => j.jobId)).toEqual([other.jobId])
    const before = await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'BEFORE_CREATED_AT', values: [String(created)]}]}))
    expect(before.jobSummaryList?.map((j) => j.jobId)).toEqual([a.jobId])
    const byDefinition = await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'JOB_DEFINITION', values: ['def:1']}]}))
    expect(byDefinition.jobSummaryList).toHaveLength(3)
    const none = await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'JOB_DEFINITION', values: ['other']}]}))
    expect(none.jobSummaryList).toEqual([])
  })

  it('paginates with maxResults / nextToken and rejects out-of-range values', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await batch.send(new SubmitJobCommand({jobName: `j${i}`, jobQueue: 'q', jobDefinition: 'def'}))).jobId!)
    const seen: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'SUBMITTED', maxResults: 2, nextToken}))
      seen.push(...(page.jobSummaryList ?? []).map((j) => j.jobId!))
      nextToken = page.nextToken
      pages++
    } while (nextToken)
    expect(pages).toBe(3)
    expect(seen.sort()).toEqual([...ids].sort())
    await clientError(batch.send(new ListJobsCommand({jobQueue: 'q', maxResults: 0})))
    await clientError(batch.send(new ListJobsCommand({})))
  })

  // AWS: ListJobsRequest.maxResults (API reference) — minimum 1; up to 1000 jobs a page, up to 100 with a filter.
  it('caps a filtered page at 100 jobs whatever maxResults asks', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    await Promise.all(
      Array.from({length: 120}, (_, i) => batch.send(new SubmitJobCommand({jobName: `many-${i}`, jobQueue: 'q', jobDefinition: 'def'}))),
    )
    const first = await batch.send(new ListJobsCommand({jobQueue: 'q', maxResults: 500, filters: [{name: 'JOB_NAME', values: ['many-*']}]}))
    expect(first.jobSummaryList).toHaveLength(100)
    expect(first.nextToken).toBeTruthy()
    const second = await batch.send(
      new ListJobsCommand({jobQueue: 'q', maxResults: 500, nextToken: first.nextToken, filters: [{name: 'JOB_NAME', values: ['many-*']}]}),
    )
    expect(second.jobSummaryList).toHaveLength(20)
    expect(second.nextToken).toBeUndefined()
    const unfiltered = await batch.send(new ListJobsCommand({jobQueue: 'q', jobStatus: 'SUBMITTED', maxResults: 5000}))
    expect(unfiltered.jobSummaryList).toHaveLength(120)
  })

  // AWS: DescribeJobs (API reference) — "A list of up to 100 job IDs".
  it('describes up to 100 ids, leaves unknown ids out, and rejects more than 100', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'x', jobQueue: 'q', jobDefinition: 'def'}))
    const out = await batch.send(new DescribeJobsCommand({jobs: [jobId!, 'unknown-id']}))
    expect(out.jobs?.map((j) => j.jobId)).toEqual([jobId])
    const hundred = Array.from({length: 100}, (_, i) => (i === 0 ? jobId! : `missing-${i}`))
    expect((await batch.send(new DescribeJobsCommand({jobs: hundred}))).jobs).toHaveLength(1)
    const tooMany = await clientError(batch.send(new DescribeJobsCommand({jobs: [...hundred, 'one-more']})))
    expect(tooMany.message).toMatch(/^Error executing request, Exception : Maximum number of jobs supported is {2}100 \., RequestId: /)
  })
})
