import {
  BatchClient,
  BatchServiceException,
  type ComputeResource,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobQueuesCommand,
} from '@aws-sdk/client-batch'
import {expect} from 'vitest'

import type {Emulator} from '../../src/local/emulator.js'
import {startEmulator} from '../helpers/emulator.js'

/** Builders shared by the Batch control-plane tests (real SDK client against the emulator). */

export const TRANSITION_MS = 1000

export const ec2Resources = (overrides: Partial<ComputeResource> = {}): ComputeResource => ({
  type: 'EC2',
  minvCpus: 0,
  maxvCpus: 16,
  instanceTypes: ['optimal'],
  subnets: ['subnet-0abc1234'],
  securityGroupIds: ['sg-0abc1234'],
  instanceRole: 'ecsInstanceRole',
  ...overrides,
})

export const fargateResources = (overrides: Partial<ComputeResource> = {}): ComputeResource => ({
  type: 'FARGATE',
  maxvCpus: 16,
  subnets: ['subnet-0abc1234'],
  securityGroupIds: ['sg-0abc1234'],
  ...overrides,
})

export async function startBatch(services: Record<string, unknown> = {}): Promise<{emulator: Emulator; batch: BatchClient}> {
  // A stopped clock (speed 0): only clock.advance moves time, so transitions happen exactly when a test says.
  const {emulator, config} = await startEmulator({clock: {speed: 0}, services: {batch: {transitionMs: TRANSITION_MS, ...services}}})
  return {emulator, batch: new BatchClient({...config, maxAttempts: 1})}
}

/** Creates a managed compute environment and lets it settle (VALID unless its configuration is impossible). */
export async function createComputeEnvironment(
  batch: BatchClient,
  emulator: Emulator,
  name: string,
  computeResources: ComputeResource = ec2Resources(),
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await batch.send(new CreateComputeEnvironmentCommand({computeEnvironmentName: name, type: 'MANAGED', computeResources, ...extra}))
  emulator.clock.advance(TRANSITION_MS)
  return created.computeEnvironmentArn!
}

export async function createJobQueue(
  batch: BatchClient,
  emulator: Emulator,
  name: string,
  computeEnvironments: string[],
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await batch.send(
    new CreateJobQueueCommand({
      jobQueueName: name,
      priority: 1,
      computeEnvironmentOrder: computeEnvironments.map((computeEnvironment, i) => ({order: i + 1, computeEnvironment})),
      ...extra,
    }),
  )
  emulator.clock.advance(TRANSITION_MS)
  return created.jobQueueArn!
}

export async function describeCe(batch: BatchClient, name: string) {
  const {computeEnvironments} = await batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: [name]}))
  return computeEnvironments?.[0]
}

export async function describeQueue(batch: BatchClient, name: string) {
  const {jobQueues} = await batch.send(new DescribeJobQueuesCommand({jobQueues: [name]}))
  return jobQueues?.[0]
}

/** Asserts the call fails as AWS Batch fails it: a typed ClientException, HTTP 400, a message like AWS's. */
export async function expectClientException(call: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'the call should have failed').toBeInstanceOf(BatchServiceException)
  const exception = error as BatchServiceException
  expect(exception.name).toBe('ClientException')
  expect(exception.$metadata.httpStatusCode).toBe(400)
  expect(exception.message).toMatch(message)
}
