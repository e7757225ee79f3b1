import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidEncryptionConfiguration,
  InvalidLoggingConfiguration,
  SFNClient,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/wf:*'
const WAIT = JSON.stringify({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 60, End: true}}})
const failure = (promise: Promise<unknown>): Promise<any> =>
  promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  )

async function setup() {
  const {config} = await startEmulator({clock: {speed: 0, start: Date.parse('2026-03-01T00:00:00Z')}})
  return new SFNClient({...config, maxAttempts: 1})
}

describe('Step Functions: operations EXPRESS executions do not support', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
  //   ("Executions of an EXPRESS state machine aren't supported by DescribeExecution unless a Map Run dispatched them")
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html,
  //   API_StopExecution.html, API_DescribeStateMachineForExecution.html ("not supported by EXPRESS state machines").
  // Their error lists name no type-specific error; InvalidArn is the one that fits an express execution ARN.
  it('refuses DescribeExecution, GetExecutionHistory, StopExecution and DescribeStateMachineForExecution', async () => {
    const sfn = await setup()
    const express = await sfn.send(new CreateStateMachineCommand({name: 'fast', definition: WAIT, roleArn: ROLE, type: 'EXPRESS'}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn: express.stateMachineArn, name: 'one'}))
    for (const command of [
      new DescribeExecutionCommand({executionArn}),
      new GetExecutionHistoryCommand({executionArn}),
      new StopExecutionCommand({executionArn}),
      new DescribeStateMachineForExecutionCommand({executionArn}),
    ]) {
      const error = await failure(sfn.send(command as DescribeExecutionCommand))
      expect(error).toBeInstanceOf(InvalidArn)
      expect(error.message).toBe("Invalid Arn: 'Resource type not valid in this context: express'")
    }
    // A STANDARD execution answers all four.
    const standard = await sfn.send(new CreateStateMachineCommand({name: 'slow', definition: WAIT, roleArn: ROLE}))
    const started = await sfn.send(new StartExecutionCommand({stateMachineArn: standard.stateMachineArn, name: 'one'}))
    expect((await sfn.send(new DescribeExecutionCommand({executionArn: started.executionArn}))).status).toBe('RUNNING')
    expect((await sfn.send(new GetExecutionHistoryCommand({executionArn: started.executionArn}))).events?.[0]?.type).toBe('ExecutionStarted')
    expect((await sfn.send(new DescribeStateMachineForExecutionCommand({executionArn: started.executionArn}))).name).toBe('slow')
    await sfn.send(new StopExecutionCommand({executionArn: started.executionArn}))
    expect((await sfn.send(new DescribeExecutionCommand({executionArn: started.executionArn}))).status).toBe('ABORTED')
  })
})

describe('Step Functions: logging configuration', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html
  //   (destinations: "Limited to size 1. Required, if your log level is not set to OFF"; level ALL | ERROR | FATAL | OFF)
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
  //   (InvalidLoggingConfiguration; loggingConfiguration defaults to level OFF)
  it('needs exactly one destination unless the level is OFF, on create and on update', async () => {
    const sfn = await setup()
    const noDestination = await failure(
      sfn.send(new CreateStateMachineCommand({name: 'a', definition: WAIT, roleArn: ROLE, loggingConfiguration: {level: 'ERROR'}})),
    )
    expect(noDestination).toBeInstanceOf(InvalidLoggingConfiguration)
    const two = {cloudWatchLogsLogGroup: {logGroupArn: LOG_GROUP}}
    expect(
      await failure(
        sfn.send(new CreateStateMachineCommand({name: 'a', definition: WAIT, roleArn: ROLE, loggingConfiguration: {level: 'ALL', destinations: [two, two]}})),
      ),
    ).toBeInstanceOf(InvalidLoggingConfiguration)
    expect(
      await failure(sfn.send(new CreateStateMachineCommand({name: 'a', definition: WAIT, roleArn: ROLE, loggingConfiguration: {level: 'DEBUG' as never}}))),
    ).toBeInstanceOf(ValidationException)

    // The default, and an explicit OFF without destinations, are accepted.
    const plain = await sfn.send(new CreateStateMachineCommand({name: 'plain', definition: WAIT, roleArn: ROLE}))
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn: plain.stateMachineArn}))).loggingConfiguration).toEqual({
      level: 'OFF',
      includeExecutionData: false,
    })
    await sfn.send(new CreateStateMachineCommand({name: 'off', definition: WAIT, roleArn: ROLE, loggingConfiguration: {level: 'OFF'}}))

    // Update is held to the same rule and leaves the machine as it was when refused.
    expect(
      await failure(sfn.send(new UpdateStateMachineCommand({stateMachineArn: plain.stateMachineArn, loggingConfiguration: {level: 'FATAL'}}))),
    ).toBeInstanceOf(InvalidLoggingConfiguration)
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn: plain.stateMachineArn}))).loggingConfiguration?.level).toBe('OFF')
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: plain.stateMachineArn,
        loggingConfiguration: {level: 'ERROR', includeExecutionData: true, destinations: [two]},
      }),
    )
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn: plain.stateMachineArn}))).loggingConfiguration).toEqual({
      level: 'ERROR',
      includeExecutionData: true,
      destinations: [two],
    })
  })
})

describe('Step Functions: encryption configuration', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_EncryptionConfiguration.html
  //   (type AWS_OWNED_KEY | CUSTOMER_MANAGED_KMS_KEY required; kmsDataKeyReusePeriodSeconds 60-900)
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
  //   (InvalidEncryptionConfiguration "if type is set to CUSTOMER_MANAGED_KMS_KEY, but kmsKeyId is null, or
  //   kmsDataKeyReusePeriodSeconds is not between 60 and 900"; the idempotency check includes
  //   EncryptionConfiguration)
  const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'

  it('checks it, keeps it and shows it in DescribeStateMachine', async () => {
    const sfn = await setup()
    const create = (encryptionConfiguration: Record<string, unknown>, name = 'enc') =>
      sfn.send(new CreateStateMachineCommand({name, definition: WAIT, roleArn: ROLE, encryptionConfiguration: encryptionConfiguration as never}))
    expect(await failure(create({type: 'CUSTOMER_MANAGED_KMS_KEY'}))).toBeInstanceOf(InvalidEncryptionConfiguration)
    expect(await failure(create({type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: KEY, kmsDataKeyReusePeriodSeconds: 30}))).toBeInstanceOf(
      InvalidEncryptionConfiguration,
    )
    expect(await failure(create({type: 'SOMEONE_ELSES_KEY'}))).toBeInstanceOf(ValidationException)

    const cmk = {type: 'CUSTOMER_MANAGED_KMS_KEY', kmsKeyId: KEY, kmsDataKeyReusePeriodSeconds: 300}
    const {stateMachineArn} = await create(cmk)
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))).encryptionConfiguration).toEqual(cmk)
    // The same request again is the same machine; a different encryption is a different request.
    expect((await create(cmk)).stateMachineArn).toBe(stateMachineArn)
    expect(await failure(create({type: 'AWS_OWNED_KEY'}))).toBeInstanceOf(StateMachineAlreadyExists)

    await sfn.send(new UpdateStateMachineCommand({stateMachineArn, encryptionConfiguration: {type: 'AWS_OWNED_KEY'}}))
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))).encryptionConfiguration).toEqual({type: 'AWS_OWNED_KEY'})
    expect(
      await failure(sfn.send(new UpdateStateMachineCommand({stateMachineArn, encryptionConfiguration: {type: 'CUSTOMER_MANAGED_KMS_KEY'}}))),
    ).toBeInstanceOf(InvalidEncryptionConfiguration)
  })
})

describe('Step Functions: integration patterns of EXPRESS state machines', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html
  //   ("Express Workflows only support Request Response integrations": no .sync, no .waitForTaskToken)
  const task = (resource: string) =>
    JSON.stringify({
      StartAt: 'Submit',
      States: {Submit: {Type: 'Task', Resource: resource, Parameters: {JobName: 'j', JobQueue: 'q', JobDefinition: 'd'}, End: true}},
    })

  it('refuses .sync and .waitForTaskToken resources in an EXPRESS machine, on create and update', async () => {
    const sfn = await setup()
    for (const resource of ['arn:aws:states:::batch:submitJob.sync', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'arn:aws:states:::states:startExecution.sync:2']) {
      const error = await failure(sfn.send(new CreateStateMachineCommand({name: 'fast', definition: task(resource), roleArn: ROLE, type: 'EXPRESS'})))
      expect(error).toBeInstanceOf(InvalidDefinition)
      expect(error.message).toContain('/States/Submit/Resource')
    }
    // The same definitions are fine for STANDARD; Request Response is fine for EXPRESS.
    await sfn.send(new CreateStateMachineCommand({name: 'slow', definition: task('arn:aws:states:::batch:submitJob.sync'), roleArn: ROLE}))
    const {stateMachineArn} = await sfn.send(
      new CreateStateMachineCommand({name: 'fast', definition: task('arn:aws:states:::batch:submitJob'), roleArn: ROLE, type: 'EXPRESS'}),
    )
    expect(
      await failure(sfn.send(new UpdateStateMachineCommand({stateMachineArn, definition: task('arn:aws:states:::batch:submitJob.sync')}))),
    ).toBeInstanceOf(InvalidDefinition)
    const check = await sfn.send(new ValidateStateMachineDefinitionCommand({definition: task('arn:aws:states:::batch:submitJob.sync'), type: 'EXPRESS'}))
    expect(check.result).toBe('FAIL')
    expect((await sfn.send(new ValidateStateMachineDefinitionCommand({definition: task('arn:aws:states:::batch:submitJob.sync')}))).result).toBe('OK')
  })

  it('follows the execution type of a distributed Map\'s child workflows', async () => {
    const sfn = await setup()
    const map = (executionType: 'STANDARD' | 'EXPRESS') =>
      JSON.stringify({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              ProcessorConfig: {Mode: 'DISTRIBUTED', ExecutionType: executionType},
              StartAt: 'Submit',
              States: {Submit: {Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: {JobName: 'j', JobQueue: 'q', JobDefinition: 'd'}, End: true}},
            },
            End: true,
          },
        },
      })
    expect(await failure(sfn.send(new CreateStateMachineCommand({name: 'fan-out', definition: map('EXPRESS'), roleArn: ROLE})))).toBeInstanceOf(
      InvalidDefinition,
    )
    await sfn.send(new CreateStateMachineCommand({name: 'fan-out', definition: map('STANDARD'), roleArn: ROLE}))
  })
})

describe('Step Functions: execution history quota', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html ("Maximum execution
  // history size: 25,000 events in a single state machine execution history. If the execution history
  // reaches this quota the execution fails.")
  it('fails a runaway loop at 25,000 events with States.Runtime, the last event being ExecutionFailed', async () => {
    const sfn = await setup()
    const loop = JSON.stringify({
      StartAt: 'Again',
      States: {
        Again: {Type: 'Pass', Next: 'Check'},
        Check: {Type: 'Choice', Choices: [{Variable: '$.stop', IsPresent: true, Next: 'Done'}], Default: 'Again'},
        Done: {Type: 'Succeed'},
      },
    })
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'runaway', definition: loop, roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    await expect.poll(async () => (await sfn.send(new DescribeExecutionCommand({executionArn}))).status, {timeout: 20_000}).toBe('FAILED')
    const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
    expect(described).toMatchObject({error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (25000).'})
    // AWS: API_DescribeExecution.html (redriveStatusReason "Execution history event limit exceeded.")
    expect(described).toMatchObject({redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution history event limit exceeded.'})
    const newest = await sfn.send(new GetExecutionHistoryCommand({executionArn, reverseOrder: true, maxResults: 2}))
    expect(newest.events?.map((e) => [e.id, e.type])).toEqual([
      [25_000, 'ExecutionFailed'],
      [24_999, expect.stringMatching(/State(Entered|Exited)$/)],
    ])
  })
})

describe('Step Functions: defaults and StartExecution idempotency', () => {
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html (type
  // defaults to STANDARD; loggingConfiguration level OFF)
  // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html ("StartExecution
  // is idempotent for STANDARD workflows ... same name and input as a running execution, the call succeeds
  // and return the same response as the original request. If the execution is closed or if the input is
  // different, it returns a 400 ExecutionAlreadyExists error")
  it('answers a repeated StartExecution on a running STANDARD execution, and refuses a changed input or a closed one', async () => {
    const {config, emulator} = await startEmulator({clock: {speed: 0, start: Date.parse('2026-03-01T00:00:00Z')}})
    const sfn = new SFNClient({...config, maxAttempts: 1})
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'wf', definition: WAIT, roleArn: ROLE}))
    const machine = await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))
    expect(machine).toMatchObject({type: 'STANDARD', status: 'ACTIVE', loggingConfiguration: {level: 'OFF', includeExecutionData: false}})

    const first = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"n":1}'}))
    emulator.clock.advance(1000)
    const again = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"n":1}'}))
    expect(again.executionArn).toBe(first.executionArn)
    expect(again.startDate).toEqual(first.startDate)
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"n":2}'})))).toBeInstanceOf(ExecutionAlreadyExists)

    // RUNNING -> SUCCEEDED once the Wait is over; then even the same input is refused.
    // AWS: API_DescribeExecution.html (redriveStatus and the documented redriveStatusReason texts)
    expect(await sfn.send(new DescribeExecutionCommand({executionArn: first.executionArn}))).toMatchObject({
      status: 'RUNNING',
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven.',
    })
    emulator.clock.advance(60_000)
    await expect.poll(async () => (await sfn.send(new DescribeExecutionCommand({executionArn: first.executionArn}))).status).toBe('SUCCEEDED')
    expect(await sfn.send(new DescribeExecutionCommand({executionArn: first.executionArn}))).toMatchObject({
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven.',
    })
    // A stopped execution can be redriven; none of the reasons apply.
    const stopped = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-2'}))
    await sfn.send(new StopExecutionCommand({executionArn: stopped.executionArn}))
    const aborted = await sfn.send(new DescribeExecutionCommand({executionArn: stopped.executionArn}))
    expect(aborted).toMatchObject({status: 'ABORTED', redriveStatus: 'REDRIVABLE'})
    expect(aborted.redriveStatusReason).toBeUndefined()
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"n":1}'})))).toBeInstanceOf(ExecutionAlreadyExists)
  })
})
