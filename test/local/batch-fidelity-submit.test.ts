import {
  CancelJobCommand,
  CreateSchedulingPolicyCommand,
  ListJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {expectClientException} from './batch-builders.js'
import {createEc2Environment, createFargateEnvironment, createQueue, describe1, registerContainerDefinition, registerFargateDefinition, simpleSetup, startBatch} from './batch-jobs-setup.js'

// Fidelity checks of what SubmitJob (and the matching job definition fields) accepts and refuses,
// against the AWS Batch API reference, each citing the page that says how AWS behaves. Real @aws-sdk/client-batch over HTTP, virtual clock.

describe('Batch fidelity: retryStrategy', () => {
  // AWS: RetryStrategy — https://docs.aws.amazon.com/batch/latest/APIReference/API_RetryStrategy.html
  // ("evaluateOnExit: Array of up to 5 objects"), and EvaluateOnExit —
  // https://docs.aws.amazon.com/batch/latest/APIReference/API_EvaluateOnExit.html (onExitCode "can
  // contain only numbers, and can end with an asterisk (*)"). SubmitJob takes the same RetryStrategy type.
  it('checks a SubmitJob retryStrategy like a job definition one', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const six = Array.from({length: 6}, () => ({action: 'RETRY' as const, onExitCode: '1'}))
    await expectClientException(
      batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 2, evaluateOnExit: six}})),
      /^Error executing request, Exception : retryStrategy\.evaluateOnExit can contain at most 5 conditions\., RequestId: /,
    )
    await expectClientException(
      batch.send(
        new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 2, evaluateOnExit: [{action: 'MAYBE' as 'RETRY'}]}}),
      ),
      /evaluateOnExit\[0\]\.action must be one of: RETRY, EXIT/,
    )
    await expectClientException(
      batch.send(
        new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 2, evaluateOnExit: [{action: 'EXIT', onExitCode: 'one'}]}}),
      ),
      /onExitCode 'one' can contain only numbers/,
    )
    // Accepted forms: digits, a trailing *, lower-case action; the job shows evaluateOnExit as given.
    const rules = [
      {action: 'exit' as 'EXIT', onExitCode: '137'},
      {action: 'RETRY' as const, onExitCode: '1*'},
    ]
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 2, evaluateOnExit: rules}}),
    )
    expect((await describe1(batch, jobId!)).retryStrategy).toEqual({attempts: 2, evaluateOnExit: rules})
  })

  it('fills evaluateOnExit [] into a SubmitJob retryStrategy given with attempts only, as on a job definition', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', retryStrategy: {attempts: 3}}))
    expect((await describe1(batch, jobId!)).retryStrategy).toEqual({attempts: 3, evaluateOnExit: []})
  })

  it('refuses a job definition whose onExitCode is not numeric', async () => {
    const {batch} = await startBatch()
    const register = (onExitCode: string) =>
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: 'def',
          type: 'container',
          containerProperties: {image: 'busybox', resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]},
          retryStrategy: {attempts: 2, evaluateOnExit: [{action: 'EXIT', onExitCode}]},
        }),
      )
    await expectClientException(register('1?'), /onExitCode '1\?' can contain only numbers/)
    await expectClientException(register('*1'), /can contain only numbers/)
    const {revision} = await register('25*')
    expect(revision).toBe(1)
  })
})

describe('Batch fidelity: the reserved AWS_BATCH prefix', () => {
  // AWS: ContainerProperties — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerProperties.html
  // and ContainerOverrides — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerOverrides.html:
  // "Environment variables cannot start with "AWS_BATCH". This naming convention is reserved for
  // variables that Batch sets." User Guide, "Environment variables" — https://docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html:
  // "You can't use this prefix for your own variables in job definitions or overrides."
  it('refuses AWS_BATCH* variables in a job definition and in SubmitJob overrides, but not a name that merely contains it', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    await expectClientException(
      registerContainerDefinition(batch, 'reserved', {environment: [{name: 'AWS_BATCH_JOB_ID', value: 'mine'}]}),
      /^Error executing request, Exception : containerProperties\.environment: environment variable AWS_BATCH_JOB_ID can't start with AWS_BATCH/,
    )
    await expectClientException(
      batch.send(
        new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', containerOverrides: {environment: [{name: 'AWS_BATCHY', value: '1'}]}}),
      ),
      /containerOverrides\.environment: environment variable AWS_BATCHY can't start with AWS_BATCH/,
    )
    await registerContainerDefinition(batch, 'fine', {environment: [{name: 'MY_AWS_BATCH_QUEUE', value: 'q'}]})
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'fine', containerOverrides: {environment: [{name: 'T_AWS_BATCH', value: '1'}]}}),
    )
    expect((await describe1(batch, jobId!)).container?.environment).toEqual([
      {name: 'MY_AWS_BATCH_QUEUE', value: 'q'},
      {name: 'T_AWS_BATCH', value: '1'},
    ])
  })
})

describe('Batch fidelity: legacy vcpus / memory overrides on Fargate', () => {
  // AWS: ContainerOverrides — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerOverrides.html
  // (vcpus, memory: deprecated, "use resourceRequirements"); AWS's answer for a Fargate job, as
  // SDK users quote it: "vcpus is not applicable for Fargate. Use resource requirements instead."
  it('refuses containerOverrides.vcpus and .memory for a Fargate job definition with AWS wording', async () => {
    const {batch} = await startBatch()
    const ce = await createFargateEnvironment(batch, 'ce', 4)
    await createQueue(batch, 'q', [ce])
    await registerFargateDefinition(batch)
    const submit = (containerOverrides: Record<string, unknown>) =>
      batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'fargate', containerOverrides}))
    await expectClientException(submit({vcpus: 2}), /^vcpus is not applicable for Fargate\. Use resource requirements instead\.$/)
    await expectClientException(submit({memory: 4096}), /^memory is not applicable for Fargate\. Use resource requirements instead\.$/)
    const ok = await submit({resourceRequirements: [{type: 'MEMORY', value: '4096'}]})
    expect((await describe1(batch, ok.jobId!)).container?.resourceRequirements).toContainEqual({type: 'MEMORY', value: '4096'})
  })
})

describe('Batch fidelity: resource requirement overrides', () => {
  // AWS: ContainerOverrides — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerOverrides.html
  // (resourceRequirements "overrides the settings in the job definition") and ResourceRequirement —
  // https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html: the same value
  // rules as in a job definition (whole vCPUs on EC2; the Fargate vCPU / memory pairs).
  it('checks the overridden vCPU / memory like a job definition, per platform', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture, 8)
    const submit = (jobDefinition: string, resourceRequirements: {type: 'VCPU' | 'MEMORY'; value: string}[]) =>
      batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition, containerOverrides: {resourceRequirements}}))
    await expectClientException(submit('def', [{type: 'VCPU', value: '0.5'}]), /Value 0\.5 for type VCPU in resourceRequirement is not valid/)
    await expectClientException(submit('def', [{type: 'MEMORY', value: '2'}]), /at least 4 MiB/)
    const ok = await submit('def', [{type: 'VCPU', value: '4'}])
    expect((await describe1(batch, ok.jobId!)).container?.resourceRequirements).toContainEqual({type: 'VCPU', value: '4'})

    const ce = await createFargateEnvironment(batch, 'fargate-ce', 4)
    await createQueue(batch, 'fq', [ce])
    await registerFargateDefinition(batch)
    const fargate = (resourceRequirements: {type: 'VCPU' | 'MEMORY'; value: string}[]) =>
      batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'fq', jobDefinition: 'fargate', containerOverrides: {resourceRequirements}}))
    // 1 vCPU with 512 MiB is no Fargate size (1 vCPU takes 2–8 GiB).
    await expectClientException(fargate([{type: 'MEMORY', value: '512'}]), /Fargate resource requirements \(1\.00 vCPU, 512 MiB\) not valid\./)
    const half = await fargate([{type: 'VCPU', value: '0.5'}, {type: 'MEMORY', value: '1024'}])
    expect(half.jobId).toBeTypeOf('string')
  })
})

describe('Batch fidelity: share identifiers on a fair-share queue', () => {
  // AWS: SubmitJob — https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
  // shareIdentifier: "This string is limited to 255 alphanumeric characters, and can be followed by an asterisk (*)."
  // AWS: CreateJobQueue — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateJobQueue.html
  // schedulingPolicyArn: "Jobs queues with a fair-share scheduling policy can have a maximum of 500 active
  // share identifiers. When the limit has been reached, submissions of any jobs that add a new share identifier fail."
  it('refuses a share identifier that is not alphanumeric, and a 501st active one until a share finishes', async () => {
    const {batch} = await startBatch()
    const ce = await createEc2Environment(batch, 'ce', 1)
    const {arn} = await batch.send(new CreateSchedulingPolicyCommand({name: 'fair', fairsharePolicy: {}}))
    await createQueue(batch, 'q', [ce], {schedulingPolicyArn: arn})
    await registerContainerDefinition(batch, 'def')
    const submit = (shareIdentifier: string) => batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', shareIdentifier}))
    await expectClientException(submit('team-a'), /shareIdentifier 'team-a' must be up to 255 letters and digits/)
    await expectClientException(submit('a'.repeat(256)), /up to 255 letters and digits/)
    await submit('teamA')
    const ops = await submit('ops*')

    for (let i = 2; i < 500; i++) await submit(`share${i}`)
    await expectClientException(submit('share500'), /already has 500 active share identifiers/)
    // An identifier already active may take more jobs.
    await submit('teamA')
    // Once the only job of a share has finished (here: cancelled), its place is free.
    await batch.send(new CancelJobCommand({jobId: ops.jobId, reason: 'not needed'}))
    await submit('share500')
    const listed = await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'SHARE_IDENTIFIER', values: ['share500']}]}))
    expect(listed.jobSummaryList).toHaveLength(1)
  })
})

describe('Batch fidelity: smaller request rules', () => {
  // AWS: ContainerOverrides — https://docs.aws.amazon.com/batch/latest/APIReference/API_ContainerOverrides.html
  // command: "This parameter can't contain an empty string."
  it('refuses an empty string in a command override', async () => {
    const fixture = await startBatch()
    await simpleSetup(fixture)
    await expectClientException(
      fixture.batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', containerOverrides: {command: ['echo', '']}})),
      /containerOverrides\.command can't contain an empty string/,
    )
  })

  // AWS: ListJobs — https://docs.aws.amazon.com/batch/latest/APIReference/API_ListJobs.html
  // JOB_DEFINITION: with an ARN "the results include jobs that used the specified revision of the
  // job definition. Asterisk (*) isn't supported when the ARN is used."
  it('matches a JOB_DEFINITION filter given as an ARN exactly, without wildcards', async () => {
    const fixture = await startBatch()
    const {batch} = fixture
    await simpleSetup(fixture)
    const arn = 'arn:aws:batch:us-east-1:123456789012:job-definition/def:1'
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def'}))
    const list = async (value: string) =>
      (await batch.send(new ListJobsCommand({jobQueue: 'q', filters: [{name: 'JOB_DEFINITION', values: [value]}]}))).jobSummaryList?.map((job) => job.jobId)
    expect(await list(arn)).toEqual([jobId])
    expect(await list('arn:aws:batch:us-east-1:123456789012:job-definition/de*')).toEqual([])
    expect(await list('de*')).toEqual([jobId])
  })

  // AWS: NodeRangeProperty — https://docs.aws.amazon.com/batch/latest/APIReference/API_NodeRangeProperty.html
  // instanceTypes: "this list object is currently limited to one element".
  it('refuses a node range with more than one instance type', async () => {
    const {batch} = await startBatch()
    const container = {image: 'busybox', resourceRequirements: [{type: 'VCPU' as const, value: '1'}, {type: 'MEMORY' as const, value: '512'}]}
    const register = (instanceTypes: string[]) =>
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: 'mnp',
          type: 'multinode',
          nodeProperties: {numNodes: 2, mainNode: 0, nodeRangeProperties: [{targetNodes: '0:', container, instanceTypes}]},
        }),
      )
    await expectClientException(register(['c5.large', 'c5.xlarge']), /instanceTypes is limited to one instance type/)
    expect((await register(['c5.large'])).revision).toBe(1)
  })
})

describe('Batch fidelity: schedulingPriorityOverride on a FIFO queue', () => {
  // AWS: SubmitJob — https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
  // schedulingPriorityOverride: "This only affects jobs in job queues with a fair-share policy."
  it('accepts it and ignores it, as the reference says', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'j', jobQueue: 'q', jobDefinition: 'def', schedulingPriorityOverride: 50}))
    emulator.clock.advance(5_000)
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('SUCCEEDED')
    expect(job.schedulingPriority).toBeUndefined()
  })
})
