import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  InvalidArn,
  InvalidDefinition,
  InvalidName,
  InvalidToken,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  ListTagsForResourceCommand,
  ResourceNotFound,
  SFNClient,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDeleting,
  StateMachineDoesNotExist,
  TagResourceCommand,
  TooManyTags,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'
const PASS = JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', End: true}}})
const WAIT = JSON.stringify({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 60, End: true}}})

async function client(options = {}) {
  const {emulator, config} = await startEmulator(options)
  return {emulator, sfn: new SFNClient({...config, maxAttempts: 1})}
}

const failure = (promise: Promise<unknown>): Promise<any> => promise.then(() => expect.fail('expected the call to fail'), (e: unknown) => e)

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
describe('Step Functions state machines', () => {
  it('creates a state machine with AWS defaults and describes it', async () => {
    const {sfn} = await client()
    const created = await sfn.send(new CreateStateMachineCommand({name: 'pipeline', definition: PASS, roleArn: ROLE}))
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:pipeline')
    expect(created.creationDate).toBeInstanceOf(Date)
    const described = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: created.stateMachineArn}))
    expect(described).toMatchObject({
      name: 'pipeline',
      status: 'ACTIVE',
      type: 'STANDARD',
      definition: PASS,
      roleArn: ROLE,
      loggingConfiguration: {level: 'OFF', includeExecutionData: false},
      tracingConfiguration: {enabled: false},
    })
    expect(described.creationDate?.getTime()).toBe(created.creationDate?.getTime())
  })

  it('rejects invalid definitions with InvalidDefinition naming the problem', async () => {
    const {sfn} = await client()
    const notJson = await failure(sfn.send(new CreateStateMachineCommand({name: 'a', definition: '{', roleArn: ROLE})))
    expect(notJson).toBeInstanceOf(InvalidDefinition)
    expect(notJson.message).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/)
    const missingTarget = await failure(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'b',
          definition: JSON.stringify({StartAt: 'A', States: {A: {Type: 'Pass', Next: 'Nowhere'}}}),
          roleArn: ROLE,
        }),
      ),
    )
    expect(missingTarget).toBeInstanceOf(InvalidDefinition)
    expect(missingTarget.message).toContain('MISSING_TRANSITION_TARGET')
    expect(missingTarget.$metadata.httpStatusCode).toBe(400)
    const badType = await failure(
      sfn.send(new CreateStateMachineCommand({name: 'c', definition: JSON.stringify({StartAt: 'A', States: {A: {Type: 'Bogus', End: true}}}), roleArn: ROLE})),
    )
    expect(badType.message).toContain('SCHEMA_VALIDATION_FAILED')
    // Only submitJob is an optimized Batch integration.
    // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html
    const badBatch = await failure(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'd',
          definition: JSON.stringify({StartAt: 'A', States: {A: {Type: 'Task', Resource: 'arn:aws:states:::batch:describeJobs', End: true}}}),
          roleArn: ROLE,
        }),
      ),
    )
    expect(badBatch).toBeInstanceOf(InvalidDefinition)
    expect(badBatch.message).toContain('arn:aws:states:::batch:describeJobs is not recognized')
  })

  it('validates a definition without creating anything (ValidateStateMachineDefinition)', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
    const {sfn} = await client()
    expect(await sfn.send(new ValidateStateMachineDefinitionCommand({definition: PASS}))).toMatchObject({result: 'OK', diagnostics: []})
    const bad = await sfn.send(
      new ValidateStateMachineDefinitionCommand({definition: JSON.stringify({StartAt: 'A', States: {A: {Type: 'Bogus', End: true}}})}),
    )
    expect(bad.result).toBe('FAIL')
    expect(bad.diagnostics?.[0]).toMatchObject({severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', location: '/States/A/Type'})
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([])
  })

  it('checks names and the role ARN as AWS does', async () => {
    const {sfn} = await client()
    for (const name of ['has space', 'a/b', 'x:y', 'q?', 'br[ack]']) {
      const error = await failure(sfn.send(new CreateStateMachineCommand({name, definition: PASS, roleArn: ROLE})))
      expect(error).toBeInstanceOf(InvalidName)
      expect(error.message).toBe(`Invalid Name: '${name}'`)
    }
    const long = await failure(sfn.send(new CreateStateMachineCommand({name: 'n'.repeat(81), definition: PASS, roleArn: ROLE})))
    expect(long).toBeInstanceOf(ValidationException)
    const user = await failure(
      sfn.send(new CreateStateMachineCommand({name: 'ok', definition: PASS, roleArn: 'arn:aws:iam::123456789012:user/bob'})),
    )
    expect(user).toBeInstanceOf(InvalidArn)
    const garbage = await failure(sfn.send(new CreateStateMachineCommand({name: 'ok', definition: PASS, roleArn: 'not-an-arn'})))
    expect(garbage).toBeInstanceOf(InvalidArn)
    const type = await failure(sfn.send(new CreateStateMachineCommand({name: 'ok', definition: PASS, roleArn: ROLE, type: 'BATCH' as never})))
    expect(type).toBeInstanceOf(ValidationException)
  })

  it('is idempotent for the same definition, ignores a different role, and refuses a different definition', async () => {
    // "If a following request has a different roleArn or tags, Step Functions will ignore these
    // differences and treat it as an idempotent request of the previous."
    const {sfn} = await client()
    const first = await sfn.send(new CreateStateMachineCommand({name: 'm', definition: PASS, roleArn: ROLE}))
    const again = await sfn.send(
      new CreateStateMachineCommand({name: 'm', definition: PASS, roleArn: 'arn:aws:iam::123456789012:role/other', tags: [{key: 'k', value: 'v'}]}),
    )
    expect(again.stateMachineArn).toBe(first.stateMachineArn)
    expect(again.creationDate?.getTime()).toBe(first.creationDate?.getTime())
    const described = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: first.stateMachineArn}))
    expect(described.roleArn).toBe(ROLE)
    expect((await sfn.send(new ListTagsForResourceCommand({resourceArn: first.stateMachineArn}))).tags).toEqual([])
    const conflict = await failure(sfn.send(new CreateStateMachineCommand({name: 'm', definition: WAIT, roleArn: ROLE})))
    expect(conflict).toBeInstanceOf(StateMachineAlreadyExists)
    const express = await failure(sfn.send(new CreateStateMachineCommand({name: 'm', definition: PASS, roleArn: ROLE, type: 'EXPRESS'})))
    expect(express).toBeInstanceOf(StateMachineAlreadyExists)
  })

  it('updates definition and role with a new revision, and publishes versions', async () => {
    const {sfn} = await client()
    const {stateMachineArn, stateMachineVersionArn} = await sfn.send(
      new CreateStateMachineCommand({name: 'v', definition: PASS, roleArn: ROLE, publish: true, versionDescription: 'first'}),
    )
    expect(stateMachineVersionArn).toBe(`${stateMachineArn}:1`)
    const before = await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))
    const updated = await sfn.send(new UpdateStateMachineCommand({stateMachineArn, definition: WAIT, publish: true}))
    expect(updated.updateDate).toBeInstanceOf(Date)
    expect(updated.revisionId).toBeTruthy()
    expect(updated.revisionId).not.toBe(before.revisionId)
    expect(updated.stateMachineVersionArn).toBe(`${stateMachineArn}:2`)
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))).definition).toBe(WAIT)
    const v1 = await sfn.send(new DescribeStateMachineCommand({stateMachineArn: `${stateMachineArn}:1`}))
    expect(v1).toMatchObject({definition: PASS, description: 'first'})
    const versions = await sfn.send(new ListStateMachineVersionsCommand({stateMachineArn}))
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${stateMachineArn}:2`, `${stateMachineArn}:1`])
    const nothing = await failure(sfn.send(new UpdateStateMachineCommand({stateMachineArn})))
    expect(nothing.name).toBe('MissingRequiredParameter')
    const bad = await failure(sfn.send(new UpdateStateMachineCommand({stateMachineArn, definition: '{"StartAt":"X","States":{}}'})))
    expect(bad).toBeInstanceOf(InvalidDefinition)
  })

  it('lists state machines in pages and rejects foreign tokens and out-of-range page sizes', async () => {
    const {sfn} = await client()
    for (let i = 0; i < 5; i++) await sfn.send(new CreateStateMachineCommand({name: `sm-${i}`, definition: PASS, roleArn: ROLE}))
    const first = await sfn.send(new ListStateMachinesCommand({maxResults: 2}))
    expect(first.stateMachines?.map((m) => m.name)).toEqual(['sm-0', 'sm-1'])
    expect(first.nextToken).toBeTruthy()
    const second = await sfn.send(new ListStateMachinesCommand({maxResults: 2, nextToken: first.nextToken}))
    const third = await sfn.send(new ListStateMachinesCommand({maxResults: 2, nextToken: second.nextToken}))
    expect([...second.stateMachines!, ...third.stateMachines!].map((m) => m.name)).toEqual(['sm-2', 'sm-3', 'sm-4'])
    expect(third.nextToken).toBeUndefined()
    expect(third.stateMachines?.[0]).toMatchObject({type: 'STANDARD', stateMachineArn: expect.stringContaining(':stateMachine:sm-4')})
    expect(await failure(sfn.send(new ListStateMachinesCommand({nextToken: 'garbage'})))).toBeInstanceOf(InvalidToken)
    expect(await failure(sfn.send(new ListStateMachinesCommand({maxResults: 1001})))).toBeInstanceOf(ValidationException)
  })

  it('tags, untags and lists tags; unknown resources and too many tags are refused', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_TagResource.html
    const {sfn} = await client()
    const {stateMachineArn} = await sfn.send(
      new CreateStateMachineCommand({name: 't', definition: PASS, roleArn: ROLE, tags: [{key: 'project', value: 'genomics'}]}),
    )
    await sfn.send(new TagResourceCommand({resourceArn: stateMachineArn, tags: [{key: 'team', value: 'a'}, {key: 'project', value: 'x'}]}))
    await sfn.send(new UntagResourceCommand({resourceArn: stateMachineArn, tagKeys: ['team']}))
    expect((await sfn.send(new ListTagsForResourceCommand({resourceArn: stateMachineArn}))).tags).toEqual([{key: 'project', value: 'x'}])
    const many = Array.from({length: 50}, (_, i) => ({key: `k${i}`, value: 'v'}))
    expect(await failure(sfn.send(new TagResourceCommand({resourceArn: stateMachineArn, tags: many})))).toBeInstanceOf(TooManyTags)
    const missing = 'arn:aws:states:us-east-1:123456789012:stateMachine:nope'
    expect(await failure(sfn.send(new ListTagsForResourceCommand({resourceArn: missing})))).toBeInstanceOf(ResourceNotFound)
  })

  it('deletes through DELETING: no new executions, then gone', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
    const {sfn, emulator} = await client()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'd', definition: WAIT, roleArn: ROLE}))
    await sfn.send(new DeleteStateMachineCommand({stateMachineArn}))
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))).status).toBe('DELETING')
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn})))).toBeInstanceOf(StateMachineDeleting)
    emulator.clock.advance(5_000)
    expect(await failure(sfn.send(new DescribeStateMachineCommand({stateMachineArn})))).toBeInstanceOf(StateMachineDoesNotExist)
    expect(await failure(sfn.send(new DescribeStateMachineCommand({stateMachineArn: 'arn:aws:sqs:us-east-1:1:q'})))).toBeInstanceOf(InvalidArn)
  })

  it('ends running executions at their next transition after a delete, then removes the machine', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
    // "A state machine is deleted only when all its executions are completed. On the next state
    // transition, the state machine's executions are terminated."
    const {sfn, emulator} = await client({clock: {speed: 0}})
    const definition = JSON.stringify({StartAt: 'W', States: {W: {Type: 'Wait', Seconds: 10, Next: 'P'}, P: {Type: 'Pass', End: true}}})
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'busy', definition, roleArn: ROLE}))
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    await sfn.send(new DeleteStateMachineCommand({stateMachineArn}))
    emulator.clock.advance(5_000)
    // Still waiting: the machine stays DELETING while its execution runs.
    expect((await sfn.send(new DescribeStateMachineCommand({stateMachineArn}))).status).toBe('DELETING')
    expect((await sfn.send(new DescribeExecutionCommand({executionArn}))).status).toBe('RUNNING')
    for (let i = 0; i < 20; i++) {
      emulator.clock.advance(1_000)
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect((await sfn.send(new DescribeExecutionCommand({executionArn}))).status).toBe('ABORTED')
    expect(await failure(sfn.send(new DescribeStateMachineCommand({stateMachineArn})))).toBeInstanceOf(StateMachineDoesNotExist)
  })

  it('refuses a qualified (version) ARN in DeleteStateMachine', async () => {
    const {sfn} = await client()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'q', definition: PASS, roleArn: ROLE, publish: true}))
    expect(await failure(sfn.send(new DeleteStateMachineCommand({stateMachineArn: `${stateMachineArn}:1`})))).toBeInstanceOf(ValidationException)
  })

  it('starts executions idempotently by name and input, as StartExecution documents for STANDARD', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
    // Same name + same input on an open execution: success; different input, or a closed
    // execution: ExecutionAlreadyExists.
    const {sfn} = await client()
    const {stateMachineArn} = await sfn.send(new CreateStateMachineCommand({name: 'idem', definition: WAIT, roleArn: ROLE}))
    const first = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"a":1}'}))
    expect(first.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:idem:run-1')
    const same = await sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"a":1}'}))
    expect(same.executionArn).toBe(first.executionArn)
    expect(same.startDate?.getTime()).toBe(first.startDate?.getTime())
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn, name: 'run-1', input: '{"a":2}'})))).toBeInstanceOf(
      ExecutionAlreadyExists,
    )
    const invalid = await failure(sfn.send(new StartExecutionCommand({stateMachineArn, input: '{nope'})))
    expect(invalid.name).toBe('InvalidExecutionInput')
    expect(await failure(sfn.send(new StartExecutionCommand({stateMachineArn, name: 'bad name'})))).toBeInstanceOf(InvalidName)
    const generated = await sfn.send(new StartExecutionCommand({stateMachineArn}))
    expect(generated.executionArn).toMatch(/:execution:idem:[0-9a-f-]{36}$/)
  })
})
