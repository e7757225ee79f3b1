import {CreateComputeEnvironmentCommand, CreateJobQueueCommand, UpdateComputeEnvironmentCommand, UpdateJobQueueCommand} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {
  createComputeEnvironment,
  createJobQueue,
  describeCe,
  describeQueue,
  ec2Resources,
  expectClientException,
  fargateResources,
  startBatch,
  TRANSITION_MS,
} from './batch-builders.js'

// Fidelity checks of the Batch emulator's control plane against the AWS Batch API reference and
// User Guide, each citing the page. Real @aws-sdk/client-batch over HTTP, virtual clock.

describe('Batch fidelity: the scale-down delay (scalingPolicy)', () => {
  // AWS: ComputeScalingPolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeScalingPolicy.html
  // minScaleDownDelayMinutes: "Minimum value of 20. Maximum value of 10080. Use 0 to unset".
  // AWS: Perform scaling updates — https://docs.aws.amazon.com/batch/latest/userguide/scaling-updates.html
  // "Scaling updates work with any service role type and allocation strategy"; the settings that
  // trigger them are desiredvCpus, maxvCpus, minvCpus and minScaleDownDelayMinutes.
  it('changes the scale-down delay of a BEST_FIT environment with a regular service role, as a scaling update', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources(), {serviceRole: 'arn:aws:iam::123456789012:role/AWSBatchServiceRole'})
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {scalingPolicy: {minScaleDownDelayMinutes: 30}}}))
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'UPDATING'})
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', computeResources: {scalingPolicy: {minScaleDownDelayMinutes: 30}}})
    // 0 unsets it; still a scaling update.
    await batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {scalingPolicy: {minScaleDownDelayMinutes: 0}, maxvCpus: 32}}))
    emulator.clock.advance(TRANSITION_MS)
    expect(await describeCe(batch, 'ce')).toMatchObject({status: 'VALID', computeResources: {maxvCpus: 32, scalingPolicy: {minScaleDownDelayMinutes: 0}}})
    // Together with an infrastructure setting it is an infrastructure update, refused here as before.
    await expectClientException(
      batch.send(
        new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {scalingPolicy: {minScaleDownDelayMinutes: 30}, instanceTypes: ['m5']}}),
      ),
      /instanceTypes/,
    )
  })

  it('refuses a delay outside 20–10080 minutes at creation and on update, and on Fargate', async () => {
    const {emulator, batch} = await startBatch()
    await expectClientException(
      batch.send(
        new CreateComputeEnvironmentCommand({computeEnvironmentName: 'short', type: 'MANAGED', computeResources: ec2Resources({scalingPolicy: {minScaleDownDelayMinutes: 10}})}),
      ),
      /minScaleDownDelayMinutes must be between 20 and 10080/,
    )
    await createComputeEnvironment(batch, emulator, 'ce', ec2Resources({scalingPolicy: {minScaleDownDelayMinutes: 20}}))
    expect((await describeCe(batch, 'ce'))?.computeResources?.scalingPolicy).toEqual({minScaleDownDelayMinutes: 20})
    await expectClientException(
      batch.send(new UpdateComputeEnvironmentCommand({computeEnvironment: 'ce', computeResources: {scalingPolicy: {minScaleDownDelayMinutes: 10_081}}})),
      /minScaleDownDelayMinutes must be between 20 and 10080/,
    )
    expect((await describeCe(batch, 'ce'))?.computeResources?.scalingPolicy).toEqual({minScaleDownDelayMinutes: 20})
    // ComputeResource: EC2-only settings "isn't applicable to jobs that are running on Fargate resources".
    await expectClientException(
      batch.send(
        new CreateComputeEnvironmentCommand({
          computeEnvironmentName: 'fargate',
          type: 'MANAGED',
          computeResources: fargateResources({scalingPolicy: {minScaleDownDelayMinutes: 30}}),
        }),
      ),
      /scalingPolicy is not applicable for Fargate/,
    )
  })
})

describe('Batch fidelity: one architecture per job queue', () => {
  // AWS: ComputeEnvironmentOrder — https://docs.aws.amazon.com/batch/latest/APIReference/API_ComputeEnvironmentOrder.html
  // "All compute environments that are associated with a job queue must share the same
  // architecture. Batch doesn't support mixing compute environment architecture types in a single job queue."
  it('refuses a queue over x86_64 and arm64 environments, on create and on update', async () => {
    const {emulator, batch} = await startBatch()
    await createComputeEnvironment(batch, emulator, 'x86', ec2Resources({instanceTypes: ['m6i', 'c6i.large']}))
    await createComputeEnvironment(batch, emulator, 'x86-too', ec2Resources({instanceTypes: ['optimal']}))
    await createComputeEnvironment(batch, emulator, 'arm', ec2Resources({instanceTypes: ['m6g', 'c7g.xlarge']}))
    await expectClientException(
      batch.send(
        new CreateJobQueueCommand({
          jobQueueName: 'mixed',
          priority: 1,
          computeEnvironmentOrder: [
            {order: 1, computeEnvironment: 'x86'},
            {order: 2, computeEnvironment: 'arm'},
          ],
        }),
      ),
      /same architecture/,
    )
    await createJobQueue(batch, emulator, 'q', ['x86', 'x86-too'])
    await expectClientException(
      batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: 'x86'}, {order: 2, computeEnvironment: 'arm'}]})),
      /same architecture/,
    )
    // An all-Arm order is fine.
    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', computeEnvironmentOrder: [{order: 1, computeEnvironment: 'arm'}]}))
    emulator.clock.advance(TRANSITION_MS)
    expect((await describeQueue(batch, 'q'))?.computeEnvironmentOrder).toEqual([
      {order: 1, computeEnvironment: 'arn:aws:batch:us-east-1:123456789012:compute-environment/arm'},
    ])
  })
})
