import {
  CreateComputeEnvironmentCommand,
  DeleteComputeEnvironmentCommand,
  DescribeComputeEnvironmentsCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import type {BatchState} from '../../src/local/services/batch/state.js'

import {
  createComputeEnvironment,
  createJobQueue,
  describeCe,
  ec2Resources,
  expectClientException,
  fargateResources,
  startBatch,
  TRANSITION_MS,
} from './batch-builders.js'

// AWS: CreateComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateComputeEnvironment.html
// AWS: ComputeResource — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeResource.html
// AWS: ComputeEnvironmentDetail — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentDetail.html
// Error messages follow the ones AWS Batch answers with in practice, as quoted by users and
// asserted by moto and client libraries: bare for state errors ("Object already exists",
// "Cannot delete, found existing JobQueue relationship", "Cannot delete, resource is being
// modified", "<arn> does not exist"), framed for validation errors ("Error executing request,
// Exception : Instance role is required., RequestId: …", "Resource minvCpus is required.",
// "ServiceRole is required.", "tags is not applicable for Fargate.",
// "ComputeEnvironments and MaxResults cannot both be set").

describe('Batch CreateComputeEnvironment', () => {
  it('creates an EC2 environment CREATING, then VALID after transitionMs, with the defaults AWS fills in', async () => {
    const {emulator, batch} = await startBatch()
    const created = await batch.send(
      new CreateComputeEnvironmentCommand({computeEnvironmentName: 'spot-a', type: 'MANAGED', computeResources: ec2Resources(), tags: {team: 'x'}}),
    )
    expect(created).toMatchObject({
      computeEnvironmentName: 'spot-a',
      computeEnvironmentArn: 'arn:aws:batch:us-east-1:123456789012:compute-environment/spot-a',
    })
    const creating = await describeCe(batch, 'spot-a')
    expect(creating?.status).toBe('CREATING')
    emulator.clock.advance(TRANSITION_MS - 1)
    expect((await describeCe(batch, 'spot-a'))?.status).toBe('CREATING')
    emulator.clock.advance(1)
    const ce = await describeCe(batch, 'spot-a')
    expect(ce).toMatchObject({
      status: 'VALID',
      statusReason: 'ComputeEnvironment Healthy',
      state: 'ENABLED',
      type: 'MANAGED',
      containerOrchestrationType: 'ECS',
      tags: {team: 'x'},
      // With no serviceRole, AWS uses the Batch service-linked role.
      serviceRole: 'arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch',
      computeResources: {
        type: 'EC2',
        minvCpus: 0,
        desiredvCpus: 0,
        maxvCpus: 16,
        tags: {},
        ec2Configuration: [{imageType: 'ECS_AL2023'}],
      },
    })
    // Not echoed until set: the BEST_FIT default strategy and the default update policy.
    expect(ce?.computeResources?.allocationStrategy).toBeUndefined()
    expect(ce?.updatePolicy).toBeUndefined()
    expect(ce?.ecsClusterArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:cluster\/AWSBatch-spot-a-[0-9a-f-]{36}$/)
    expect(ce?.uuid).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('defaults GPU instance families to the NVIDIA AMI', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'gpu', ec2Resources({instanceTypes: ['g4dn.xlarge', 'p3']}))
    expect((await describeCe(batch, 'gpu'))?.computeResources?.ec2Configuration).toEqual([{imageType: 'ECS_AL2023_NVIDIA'}])
  })

  it('keeps Fargate compute resources free of EC2-only defaults', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'fg', fargateResources())
    const ce = await describeCe(batch, 'fg')
    expect(ce?.computeResources).toEqual({type: 'FARGATE', maxvCpus: 16, subnets: ['subnet-0abc1234'], securityGroupIds: ['sg-0abc1234']})
  })

  it('refuses a duplicate name with ClientException "Object already exists"', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'dup')
    await expectClientException(
      batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: 'dup', type: 'MANAGED', computeResources: ec2Resources()})),
      /Object already exists/,
    )
  })

  it.each([
    ['a name with a space', {computeEnvironmentName: 'bad name'}, /computeEnvironmentName/],
    ['a name longer than 128 characters', {computeEnvironmentName: 'x'.repeat(129)}, /128 characters/],
    ['instance types on Fargate', {computeResources: fargateResources({instanceTypes: ['m5']})}, /Exception : instanceTypes is not applicable for Fargate\./],
    ['minvCpus on Fargate Spot', {computeResources: fargateResources({type: 'FARGATE_SPOT', minvCpus: 0})}, /minvCpus is not applicable for Fargate\./],
    ['an allocation strategy on Fargate', {computeResources: fargateResources({allocationStrategy: 'BEST_FIT'})}, /allocationStrategy/],
    ['Fargate without security groups', {computeResources: fargateResources({securityGroupIds: []})}, /security groups/],
    ['EC2 without an instance role', {computeResources: ec2Resources({instanceRole: undefined})}, /^Error executing request, Exception : Instance role is required\., RequestId: [0-9a-f-]{36}$/],
    ['EC2 without minvCpus', {computeResources: ec2Resources({minvCpus: undefined})}, /Exception : Resource minvCpus is required\./],
    ['EC2 without subnets', {computeResources: ec2Resources({subnets: []})}, /subnets is required/],
    ['EC2 without instance types', {computeResources: ec2Resources({instanceTypes: undefined})}, /instanceTypes is required/],
    ['minvCpus above maxvCpus', {computeResources: ec2Resources({minvCpus: 32})}, /minvCpus must be between 0 and 16/],
    ['a Spot-only strategy on EC2', {computeResources: ec2Resources({allocationStrategy: 'SPOT_CAPACITY_OPTIMIZED'})}, /only available for SPOT/],
    ['a bid percentage above 100', {computeResources: ec2Resources({type: 'SPOT', allocationStrategy: 'SPOT_CAPACITY_OPTIMIZED', bidPercentage: 120})}, /bidPercentage must be between 0 and 100/],
    ['SPOT BEST_FIT without a fleet role', {computeResources: ec2Resources({type: 'SPOT'})}, /spotIamFleetRole is required/],
    ['MANAGED without computeResources', {computeResources: undefined}, /computeResources is required/],
    ['unmanagedvCpus on a MANAGED environment', {unmanagedvCpus: 4}, /unmanagedvCpus is only supported for UNMANAGED/],
    ['a reserved tag key', {tags: {'aws:owner': 'x'}}, /aws:/],
    // CreateComputeEnvironment, state: "A compute environment must be created in the ENABLED state."
    ['creating it DISABLED', {state: 'DISABLED'}, /must be created in the ENABLED state/],
  ])('refuses %s', async (_label, overrides, message) => {
    const {batch} = await startBatch()
    await expectClientException(
      batch.send(
        new CreateComputeEnvironmentCommand({computeEnvironmentName: 'ce', type: 'MANAGED', computeResources: ec2Resources(), ...overrides} as any),
      ),
      message,
    )
  })

  it('accepts SPOT with a capacity-optimized strategy and no fleet role', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'spot', ec2Resources({type: 'SPOT', allocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED', bidPercentage: 60}))
    expect((await describeCe(batch, 'spot'))?.computeResources).toMatchObject({type: 'SPOT', bidPercentage: 60})
  })

  it('creates an UNMANAGED environment with unmanagedvCpus and requires its service role', async () => {
    const {emulator, batch} = await startBatch()
    await expectClientException(
      batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: 'own', type: 'UNMANAGED'})),
      /Exception : ServiceRole is required\./,
    )
    await batch.send(
      new CreateComputeEnvironmentCommand({computeEnvironmentName: 'own', type: 'UNMANAGED', unmanagedvCpus: 8, serviceRole: 'AWSBatchServiceRole'}),
    )
    emulator.clock.advance(TRANSITION_MS)
    const ce = await describeCe(batch, 'own')
    expect(ce).toMatchObject({type: 'UNMANAGED', unmanagedvCpus: 8, status: 'VALID', serviceRole: 'arn:aws:iam::123456789012:role/AWSBatchServiceRole'})
    expect(ce?.computeResources).toBeUndefined()
  })

  it('goes INVALID with a statusReason when the instance role is an IAM role rather than an instance profile', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'bad-role', ec2Resources({instanceRole: 'arn:aws:iam::123456789012:role/ecsInstanceRole'}))
    const ce = await describeCe(batch, 'bad-role')
    expect(ce?.status).toBe('INVALID')
    expect(ce?.statusReason).toMatch(/^CLIENT_ERROR - .*Invalid IAM Instance Profile ARN/)
  })

  it('goes INVALID when x86 and Arm instance types are mixed', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'mixed', ec2Resources({instanceTypes: ['c5.large', 'c6g.large']}))
    expect(await describeCe(batch, 'mixed')).toMatchObject({status: 'INVALID', statusReason: expect.stringMatching(/same architecture/)})
  })
})

// AWS: UpdateComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html
// AWS: Perform infrastructure updates — https://docs.aws.amazon.com/batch/latest/userguide/infrastructure-updates.html
describe('Batch UpdateComputeEnvironment', () => {
  it('updates scaling fields through UPDATING back to VALID', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    const updated = await batch.send(
      new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {minvCpus: 2, maxvCpus: 64, desiredvCpus: 4}}),
    )
    expect(updated.computeEnvironmentArn).toBe('arn:aws:batch:us-east-1:123456789012:compute-environment/ce')
    expect((await describeCe(batch, 'ce'))?.status).toBe('UPDATING')
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', computeResources: {minvCpus: 2, maxvCpus: 64, desiredvCpus: 4}})
  })

  it('updates the stored record in place, so the jobs engine holding it sees the change', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    const held = emulator.state<BatchState>('batch').computeEnvironments.get('ce')
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'DISABLED', computeResources: {maxvCpus: 8}}))
    expect(held).toMatchObject({state: 'DISABLED', status: 'UPDATING', computeResources: {maxvCpus: 8}})
    expect(emulator.state<BatchState>('batch').computeEnvironments.get('ce')).toBe(held)
  })

  it('refuses a change while the environment is still CREATING', async () => {
    const {batch} = await startBatch()
    await batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: 'ce', type: 'MANAGED', computeResources: ec2Resources()}))
    await expectClientException(batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', state: 'DISABLED'})), /^Cannot update, resource is being modified$/)
  })

  it('shows an update policy once UpdateComputeEnvironment set it, completed with the defaults, and checks its limits', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', updatePolicy: {jobExecutionTimeoutMinutes: 120}}))
    emulator.clock.advance(TRANSITION_MS)
    expect((await describeCe(batch, 'ce'))?.updatePolicy).toEqual({terminateJobsOnUpdate: false, jobExecutionTimeoutMinutes: 120})
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', updatePolicy: {jobExecutionTimeoutMinutes: 7201}})),
      /jobExecutionTimeoutMinutes must be between 1 and 7200/,
    )
  })

  it('refuses to lower desiredvCpus', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({desiredvCpus: 8}))
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {desiredvCpus: 4}})),
      /desiredvCpus can't be decreased/,
    )
  })

  it('refuses infrastructure updates for a BEST_FIT environment and leaves it unchanged', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {instanceTypes: ['m5']}})),
      /Only minvCpus, maxvCpus and desiredvCpus can be updated.*instanceTypes/,
    )
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', computeResources: {instanceTypes: ['optimal']}})
  })

  it('refuses infrastructure updates with a regular service role even with BEST_FIT_PROGRESSIVE', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({allocationStrategy: 'BEST_FIT_PROGRESSIVE'}), {
      serviceRole: 'arn:aws:iam::123456789012:role/AWSBatchServiceRole',
    })
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {subnets: ['subnet-0def5678']}})),
      /service-linked role/,
    )
  })

  it('allows infrastructure updates with the service-linked role and BEST_FIT_PROGRESSIVE', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({allocationStrategy: 'BEST_FIT_PROGRESSIVE'}))
    await batch.send(
      new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {instanceTypes: ['m5', 'c5'], type: 'SPOT'}}),
    )
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', computeResources: {instanceTypes: ['m5', 'c5'], type: 'SPOT'}})
  })

  it('goes INVALID after an update that makes the configuration impossible, and VALID again once fixed', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({allocationStrategy: 'BEST_FIT_PROGRESSIVE'}))
    await batch.send(
      new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {instanceRole: 'arn:aws:iam::123456789012:role/ecsInstanceRole'}}),
    )
    emulator.clock.advance(TRANSITION_MS)
    expect((await describeCe(batch, 'ce'))?.status).toBe('INVALID')
    await batch.send(
      new UpdateComputeEnvironmentCommand({
        computeEnvironment: 'ce',
        computeResources: {instanceRole: 'arn:aws:iam::123456789012:instance-profile/ecsInstanceRole'},
      }),
    )
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', statusReason: 'ComputeEnvironment Healthy'})
  })

  it('refuses BEST_FIT as the new allocation strategy', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({allocationStrategy: 'BEST_FIT_PROGRESSIVE'}))
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {allocationStrategy: 'BEST_FIT' as any}})),
      /BEST_FIT isn't supported/,
    )
  })

  it('refuses switching between the service-linked role and a regular role', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', serviceRole: 'arn:aws:iam::123456789012:role/AWSBatchServiceRole'})),
      /service-linked role cannot be changed/,
    )
  })

  it('refuses to turn a Fargate environment into EC2, but lets it change subnets', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'fg', fargateResources())
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'fg', computeResources: {type: 'EC2'}})),
      /type cannot be changed from FARGATE to EC2/,
    )
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'fg', computeResources: {type: 'FARGATE_SPOT'}})),
      /type cannot be changed from FARGATE to FARGATE_SPOT/,
    )
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'fg', computeResources: {subnets: ['subnet-0def5678'], securityGroupIds: []}}))
    emulator.clock.advance(TRANSITION_MS)
    // An empty list means "no change" for Fargate.
    expect((await describeCe(batch, 'fg'))?.computeResources).toMatchObject({subnets: ['subnet-0def5678'], securityGroupIds: ['sg-0abc1234']})
  })

  it('answers ClientException for an unknown environment', async () => {
    const {batch} = await startBatch()
    await expectClientException(batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'nope', state: 'DISABLED'})), /^arn:aws:batch:us-east-1:123456789012:compute-environment\/nope does not exist$/)
  })
})

// AWS: DeleteComputeEnvironment — https://docs.aws.amazon.com/batch/latest/APIReference/API_DeleteComputeEnvironment.html
describe('Batch DeleteComputeEnvironment', () => {
  it('refuses to delete an ENABLED environment', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce')
    await expectClientException(batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'ce'})), /not DISABLED/)
  })

  it('deletes a DISABLED environment: DELETING, then gone', async () => {
    const {emulator, batch} = await startBatch()
    const arn = await createComputeEnvironment(batch, emulator, 'ce')
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: arn, state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: arn}))
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'DELETING', state: 'DISABLED'})
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toBeUndefined()
  })

  it('refuses while a queue uses it, and for eventualConsistencyMs after the queue let go', async () => {
    const {emulator, batch} = await startBatch({eventualConsistencyMs: 5000})
    const a = await createComputeEnvironment(batch, emulator, 'a')
    const b = await createComputeEnvironment(batch, emulator, 'b')
    await createJobQueue(batch, emulator, 'q', [a, b])
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'a', state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await expectClientException(
      batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'a'})),
      /^Cannot delete, found existing JobQueue relationship$/,
    )
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: b}]}))
    emulator.clock.advance(4000)
    await expectClientException(
      batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'a'})),
      /^Cannot delete, found existing JobQueue relationship$/,
    )
    emulator.clock.advance(1000)
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'a'}))
    expect((await describeCe(batch, 'a'))?.status).toBe('DELETING')
  })

  it('has no window when eventualConsistencyMs is off (the default)', async () => {
    const {emulator, batch} = await startBatch()
    const a = await createComputeEnvironment(batch, emulator, 'a')
    const b = await createComputeEnvironment(batch, emulator, 'b')
    await createJobQueue(batch, emulator, 'q', [a, b])
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: b}]}))
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'a', state: 'DISABLED'}))
    emulator.clock.advance(TRANSITION_MS)
    await batch.send(new DeleteComputeEnvironmentCommand({computeEnvironment: 'a'}))
    expect((await describeCe(batch, 'a'))?.status).toBe('DELETING')
  })
})

// AWS: DescribeComputeEnvironments — https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeComputeEnvironments.html
describe('Batch DescribeComputeEnvironments', () => {
  it('finds environments by name or ARN and leaves unknown names out', async () => {
    const {emulator, batch} = await startBatch()
    const a = await createComputeEnvironment(batch, emulator, 'a')
    await createComputeEnvironment(batch, emulator, 'b')
    const {computeEnvironments} = await batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: [a, 'b', 'missing']}))
    expect(computeEnvironments?.map((ce) => ce.computeEnvironmentName)).toEqual(['a', 'b'])
  })

  it('pages with maxResults and nextToken across pages', async () => {
    const {emulator, batch} = await startBatch()
    for (const name of ['c1', 'c2', 'c3', 'c4', 'c5']) await createComputeEnvironment(batch, emulator, name)
    const first = await batch.send(new DescribeComputeEnvironmentsCommand({maxResults: 2}))
    expect(first.computeEnvironments?.map((ce) => ce.computeEnvironmentName)).toEqual(['c1', 'c2'])
    expect(first.nextToken).toBeTruthy()
    const second = await batch.send(new DescribeComputeEnvironmentsCommand({maxResults: 2, nextToken: first.nextToken}))
    expect(second.computeEnvironments?.map((ce) => ce.computeEnvironmentName)).toEqual(['c3', 'c4'])
    const third = await batch.send(new DescribeComputeEnvironmentsCommand({maxResults: 2, nextToken: second.nextToken}))
    expect(third.computeEnvironments?.map((ce) => ce.computeEnvironmentName)).toEqual(['c5'])
    expect(third.nextToken).toBeUndefined()
  })

  it('refuses maxResults outside 1–100, more than 100 names, and a foreign nextToken', async () => {
    const {batch} = await startBatch()
    await expectClientException(batch.send(new DescribeComputeEnvironmentsCommand({maxResults: 101})), /maxResults must be between 1 and 100/)
    await expectClientException(batch.send(new DescribeComputeEnvironmentsCommand({maxResults: 0})), /maxResults/)
    const names = Array.from({length: 101}, (_, i) => `ce${i}`)
    await expectClientException(batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: names})), /at most 100/)
    await expectClientException(batch.send(new DescribeComputeEnvironmentsCommand({nextToken: 'garbage'})), /Invalid nextToken/)
    await expectClientException(
      batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: ['a'], maxResults: 1})),
      /Exception : ComputeEnvironments and MaxResults cannot both be set/,
    )
  })
})
