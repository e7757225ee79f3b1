import {
  CreateSchedulingPolicyCommand,
  DeleteJobQueueCommand,
  DeleteSchedulingPolicyCommand,
  DescribeSchedulingPoliciesCommand,
  ListSchedulingPoliciesCommand,
  UpdateJobQueueCommand,
  UpdateSchedulingPolicyCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {createComputeEnvironment, createJobQueue, expectClientException, startBatch, TRANSITION_MS} from './batch-builders.js'

// AWS: CreateSchedulingPolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateSchedulingPolicy.html
// AWS: FairsharePolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_FairsharePolicy.html
// AWS: ShareAttributes — https://docs.aws.amazon.com/batch/latest/APIReference/API_ShareAttributes.html

const fairshare = {
  shareDecaySeconds: 3600,
  computeReservation: 50,
  shareDistribution: [
    {shareIdentifier: 'teamA', weightFactor: 0.5},
    {shareIdentifier: 'teamB*', weightFactor: 2},
  ],
}

describe('Batch scheduling policies', () => {
  it('creates, describes, updates and lists a fair-share policy', async () => {
    const {batch} = await startBatch()
    const created = await batch.send(new CreateSchedulingPolicyCommand({name: 'fair', fairsharePolicy: fairshare, tags: {team: 'x'}}))
    expect(created.arn).toBe('arn:aws:batch:us-east-1:123456789012:scheduling-policy/fair')
    const described = await batch.send(new DescribeSchedulingPoliciesCommand({arns: [created.arn!, 'arn:aws:batch:us-east-1:123456789012:scheduling-policy/none']}))
    expect(described.schedulingPolicies).toEqual([{name: 'fair', arn: created.arn, fairsharePolicy: fairshare, tags: {team: 'x'}}])
    await batch.send(new UpdateSchedulingPolicyCommand({arn: created.arn, fairsharePolicy: {shareDecaySeconds: 60}}))
    const updated = await batch.send(new DescribeSchedulingPoliciesCommand({arns: [created.arn!]}))
    expect(updated.schedulingPolicies?.[0]?.fairsharePolicy).toEqual({shareDecaySeconds: 60})
    const listed = await batch.send(new ListSchedulingPoliciesCommand({}))
    expect(listed.schedulingPolicies).toEqual([{arn: created.arn}])
  })

  it('refuses a duplicate name', async () => {
    const {batch} = await startBatch()
    await batch.send(new CreateSchedulingPolicyCommand({name: 'fair'}))
    await expectClientException(batch.send(new CreateSchedulingPolicyCommand({name: 'fair'})), /Object already exists/)
  })

  it.each([
    ['shareDecaySeconds above a week', {shareDecaySeconds: 604_801}, /shareDecaySeconds must be between 0 and 604800/],
    ['computeReservation above 99', {computeReservation: 100}, /computeReservation must be between 0 and 99/],
    ['a weight below 0.0001', {shareDistribution: [{shareIdentifier: 'a', weightFactor: 0}]}, /weightFactor/],
    ['a weight above 999.9999', {shareDistribution: [{shareIdentifier: 'a', weightFactor: 1000}]}, /weightFactor/],
    ['overlapping identifiers', {shareDistribution: [{shareIdentifier: 'UserA*'}, {shareIdentifier: 'UserA1'}]}, /overlap/],
    ['a bad identifier', {shareDistribution: [{shareIdentifier: 'team-a'}]}, /shareIdentifier/],
    ['more than 500 identifiers', {shareDistribution: Array.from({length: 501}, (_, i) => ({shareIdentifier: `s${i}`}))}, /at most 500/],
  ])('refuses %s', async (_label, policy, message) => {
    const {batch} = await startBatch()
    await expectClientException(batch.send(new CreateSchedulingPolicyCommand({name: 'p', fairsharePolicy: policy})), message)
  })

  it('refuses DescribeSchedulingPolicies with more than 100 ARNs', async () => {
    const {batch} = await startBatch()
    const arns = Array.from({length: 101}, (_, i) => `arn:aws:batch:us-east-1:123456789012:scheduling-policy/p${i}`)
    await expectClientException(batch.send(new DescribeSchedulingPoliciesCommand({arns})), /at most 100/)
  })

  it('pages ListSchedulingPolicies', async () => {
    const {batch} = await startBatch()
    for (const name of ['p1', 'p2', 'p3']) await batch.send(new CreateSchedulingPolicyCommand({name}))
    const first = await batch.send(new ListSchedulingPoliciesCommand({maxResults: 2}))
    expect(first.schedulingPolicies).toHaveLength(2)
    const second = await batch.send(new ListSchedulingPoliciesCommand({maxResults: 2, nextToken: first.nextToken}))
    expect(second.schedulingPolicies?.map((p) => p.arn)).toEqual(['arn:aws:batch:us-east-1:123456789012:scheduling-policy/p3'])
    expect(second.nextToken).toBeUndefined()
  })

  it('refuses to delete a policy a queue uses, and deletes it once the queue is gone', async () => {
    const {emulator, batch} = await startBatch()
    const {arn} = await batch.send(new CreateSchedulingPolicyCommand({name: 'fair', fairsharePolicy: fairshare}))
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await createJobQueue(batch, emulator, 'q', [ce], {schedulingPolicyArn: arn})
    await expectClientException(batch.send(new DeleteSchedulingPolicyCommand({arn})), /in use by job queue/)
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteJobQueueCommand({jobQueue: 'q'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteSchedulingPolicyCommand({arn}))
    const listed = await batch.send(new ListSchedulingPoliciesCommand({}))
    expect(listed.schedulingPolicies).toEqual([])
  })
})
