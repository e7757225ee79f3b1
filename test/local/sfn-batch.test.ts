import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import type {BatchState} from '../../src/local/services/batch/state.js'
import {describe1, simpleSetup, startBatch} from './batch-jobs-setup.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html (Run a Job .sync)
// A failed `.sync` job fails the task with States.TaskFailed and the job description (PascalCase
// JSON) as the cause; see the cause quoted in saebyn/glowing-telegram#564.

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'

async function setup() {
  const fixture = await startBatch({clock: {speed: 0}, services: {states: {syncPollMs: 1000}}})
  await simpleSetup(fixture, 8)
  const sfn = new SFNClient({...fixture.config, maxAttempts: 1})
  const {emulator} = fixture
  const tick = () => new Promise((resolve) => setImmediate(resolve))
  const start = async (name: string, definition: object, input: unknown = {}): Promise<string> => {
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name, definition: JSON.stringify(definition), roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input: JSON.stringify(input)}))
    return executionArn!
  }
  const finish = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
    for (let i = 0; i < 3000; i++) {
      const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
      if (described.status !== 'RUNNING') return described
      emulator.clock.advance(100)
      await tick()
    }
    throw new Error(`execution ${executionArn} did not finish`)
  }
  const history = async (executionArn: string): Promise<HistoryEvent[]> =>
    (await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000}))).events ?? []
  return {...fixture, sfn, start, finish, history, tick}
}

const submit = (extra: object = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::batch:submitJob.sync',
  Parameters: {'JobName.$': "States.Format('align-{}', $.sample)", JobQueue: 'q', JobDefinition: 'def', ...extra},
})

describe('Step Functions → Batch integration', () => {
  it('runs a .sync job to SUCCEEDED and answers the job description in PascalCase', async () => {
    const {start, finish, history, batch} = await setup()
    const arn = await start('one', {StartAt: 'Align', States: {Align: {...submit({Parameters: {'sample.$': '$.sample'}}), End: true}}}, {sample: 'S1'})
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    const job = JSON.parse(described.output!)
    expect(job).toMatchObject({JobName: 'align-S1', Status: 'SUCCEEDED', Parameters: {sample: 'S1'}, Container: {ExitCode: 0}})
    expect(job.JobQueue).toBe('arn:aws:batch:us-east-1:123456789012:job-queue/q')
    // Step Functions marks the jobs it starts in the container environment.
    const detail = await describe1(batch, job.JobId)
    expect(detail.container?.environment).toContainEqual({name: 'MANAGED_BY_AWS', value: 'STARTED_BY_STEP_FUNCTIONS'})

    const events = await history(arn)
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ])
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(events.map((e) => e.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(events[2]?.taskScheduledEventDetails).toMatchObject({resourceType: 'batch', resource: 'submitJob.sync', region: 'us-east-1'})
    expect(JSON.parse(events[2]!.taskScheduledEventDetails!.parameters!)).toEqual({
      JobName: 'align-S1',
      JobQueue: 'q',
      JobDefinition: 'def',
      Parameters: {sample: 'S1'},
    })
    expect(JSON.parse(events[4]!.taskSubmittedEventDetails!.output!)).toMatchObject({JobId: job.JobId, JobName: 'align-S1'})
  })

  it('fails a .sync task with States.TaskFailed and the failed job as the cause', async () => {
    const {start, finish, history} = await setup()
    const arn = await start('fails', {StartAt: 'Align', States: {Align: {...submit({Parameters: {BATCHCTL_SIM_EXIT_CODE: '3'}}), End: true}}}, {sample: 'S2'})
    const described = await finish(arn)
    expect(described.status).toBe('FAILED')
    expect(described.error).toBe('States.TaskFailed')
    const cause = JSON.parse(described.cause!)
    expect(cause).toMatchObject({JobName: 'align-S2', Status: 'FAILED', Attempts: [{Container: {ExitCode: 3}}]})
    const failed = (await history(arn)).find((e) => e.type === 'TaskFailed')
    expect(failed?.taskFailedEventDetails).toMatchObject({resourceType: 'batch', resource: 'submitJob.sync', error: 'States.TaskFailed'})
  })

  it('answers the SubmitJob response for the request-response integration, without waiting', async () => {
    const {start, finish, batch} = await setup()
    const arn = await start('fire', {
      StartAt: 'Submit',
      States: {Submit: {...submit(), Resource: 'arn:aws:states:::batch:submitJob', ResultSelector: {'id.$': '$.JobId', 'name.$': '$.JobName', 'arn.$': '$.JobArn'}, End: true}},
    }, {sample: 'S3'})
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    const out = JSON.parse(described.output!)
    expect(out.name).toBe('align-S3')
    expect(out.arn).toBe(`arn:aws:batch:us-east-1:123456789012:job/${out.id}`)
    // The execution ended while the job was still on its way.
    expect(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING']).toContain((await describe1(batch, out.id)).status)
  })

  it('reports Batch API errors as Batch.<Code> with the AWS SDK style cause', async () => {
    const {start, finish} = await setup()
    const arn = await start('bad-queue', {StartAt: 'Align', States: {Align: {...submit({JobQueue: 'no-such-queue'}), End: true}}}, {sample: 'S4'})
    const described = await finish(arn)
    expect(described.status).toBe('FAILED')
    expect(described.error).toBe('Batch.ClientException')
    expect(described.cause).toMatch(/\(Service: AWSBatch; Status Code: 400; Error Code: ClientException; Request ID: [0-9a-f-]+; Proxy: null\)$/)
  })

  it('refuses parameters SubmitJob cannot take with States.Runtime, before calling Batch', async () => {
    // Wording as quoted from AWS in ASFHyP3/hyp3#2585: "The Parameters '{...}' could not be used
    // to start the Task: [The value for the field 'frame_id' must be a STRING]".
    const {start, finish, history, emulator} = await setup()
    const arn = await start('bad-params', {
      StartAt: 'Align',
      States: {Align: {...submit({'Parameters': {'frame_id.$': '$.frame'}, Bogus: 1}), End: true}},
    }, {sample: 'S7', frame: 12})
    const described = await finish(arn)
    expect(described).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
    expect(described.cause).toContain("An error occurred while executing the state 'Align' (entered at the event id #2).")
    expect(described.cause).toContain("could not be used to start the Task: [The field 'Bogus' is not supported by Step Functions, The value for the field 'frame_id' must be a STRING]")
    expect((await history(arn)).map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed'])
    const missing = await finish(await start('no-queue', {StartAt: 'A', States: {A: {...submit({JobQueue: undefined}), End: true}}}, {sample: 'x'}))
    expect(missing.cause).toContain("The field 'JobQueue' is required but was missing")
    // Nothing reached Batch.
    expect(emulator.state<BatchState>('batch').jobs.size).toBe(0)
  })

  it('calls any Batch API through the aws-sdk integration', async () => {
    const {start, finish} = await setup()
    const arn = await start('sdk', {
      StartAt: 'Submit',
      States: {
        Submit: {...submit(), Resource: 'arn:aws:states:::batch:submitJob', ResultPath: '$.submitted', Next: 'Describe'},
        Describe: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:batch:describeJobs',
          Parameters: {'Jobs.$': 'States.Array($.submitted.JobId)'},
          OutputPath: '$.Jobs[0]',
          End: true,
        },
      },
    }, {sample: 'S5'})
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    expect(JSON.parse(described.output!)).toMatchObject({JobName: 'align-S5', JobDefinition: expect.stringContaining('job-definition/def:1')})
  })

  describe('a workflow: Map over samples, each a .sync Batch job, with a Catch', () => {
    const workflow = {
      StartAt: 'AlignAll',
      States: {
        AlignAll: {
          Type: 'Map',
          ItemsPath: '$.samples',
          MaxConcurrency: 2,
          ItemSelector: {'sample.$': '$$.Map.Item.Value.name', 'exitCode.$': '$$.Map.Item.Value.exitCode'},
          ItemProcessor: {
            StartAt: 'Align',
            States: {
              Align: {
                ...submit({Parameters: {'sample.$': '$.sample', 'BATCHCTL_SIM_EXIT_CODE.$': '$.exitCode'}}),
                ResultSelector: {'jobId.$': '$.JobId', 'status.$': '$.Status'},
                End: true,
              },
            },
          },
          ResultPath: '$.aligned',
          Catch: [{ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'Report'}],
          Next: 'Done',
        },
        Done: {Type: 'Succeed'},
        Report: {Type: 'Fail', Error: 'Pipeline.AlignFailed', CausePath: '$.failure.Cause'},
      },
    }

    it('runs to SUCCEEDED when every job succeeds', async () => {
      const {start, finish, history} = await setup()
      const samples = ['a', 'b', 'c'].map((name) => ({name, exitCode: '0'}))
      const arn = await start('pipeline-ok', workflow, {samples})
      const described = await finish(arn)
      expect(described.status).toBe('SUCCEEDED')
      const out = JSON.parse(described.output!)
      expect(out.aligned).toHaveLength(3)
      expect(out.aligned.every((r: {status: string}) => r.status === 'SUCCEEDED')).toBe(true)
      const events = await history(arn)
      expect(events.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(3)
      expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(3)
      expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails?.length).toBe(3)
      // Each iteration's events chain back to its MapIterationStarted event.
      const started = events.filter((e) => e.type === 'MapIterationStarted')
      for (const iteration of started) expect(events.some((e) => e.previousEventId === iteration.id && e.type === 'TaskStateEntered')).toBe(true)
    })

    it('runs to FAILED through the Catch when a job fails', async () => {
      const {start, finish, history} = await setup()
      const samples = [
        {name: 'a', exitCode: '0'},
        {name: 'b', exitCode: '1'},
      ]
      const arn = await start('pipeline-bad', workflow, {samples})
      const described = await finish(arn)
      expect(described.status).toBe('FAILED')
      expect(described.error).toBe('Pipeline.AlignFailed')
      expect(JSON.parse(described.cause!)).toMatchObject({JobName: 'align-b', Status: 'FAILED'})
      const types = (await history(arn)).map((e) => e.type)
      expect(types).toContain('MapIterationFailed')
      expect(types).toContain('MapStateFailed')
      expect(types.slice(-3)).toEqual(['MapStateExited', 'FailStateEntered', 'ExecutionFailed'])
    })
  })

  it('stopping the execution aborts it and terminates the running job', async () => {
    const {start, sfn, history, batch, emulator, tick} = await setup()
    const arn = await start('stop', {StartAt: 'Align', States: {Align: {...submit({Parameters: {BATCHCTL_SIM_DURATION_MS: '600000'}}), End: true}}}, {sample: 'S6'})
    let jobId: string | undefined
    for (let i = 0; i < 100 && !jobId; i++) {
      emulator.clock.advance(100)
      await tick()
      const submitted = (await history(arn)).find((e) => e.type === 'TaskSubmitted')
      if (submitted) jobId = JSON.parse(submitted.taskSubmittedEventDetails!.output!).JobId
    }
    expect(jobId).toBeDefined()
    await sfn.send(new StopExecutionCommand({executionArn: arn, error: 'User.Stop', cause: 'enough'}))
    const described = await sfn.send(new DescribeExecutionCommand({executionArn: arn}))
    expect(described).toMatchObject({status: 'ABORTED', error: 'User.Stop', cause: 'enough'})
    expect((await history(arn)).at(-1)).toMatchObject({type: 'ExecutionAborted', executionAbortedEventDetails: {error: 'User.Stop', cause: 'enough'}})
    for (let i = 0; i < 50; i++) {
      emulator.clock.advance(100)
      await tick()
    }
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.statusReason).toContain('aborted')
  })
})
