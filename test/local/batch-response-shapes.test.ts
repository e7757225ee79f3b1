import {CreateSchedulingPolicyCommand, RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import type {Emulator} from '../../src/local/emulator.js'
import {createComputeEnvironment, createJobQueue, ec2Resources, fargateResources, startBatch} from './batch-builders.js'

// The fixtures hold the response shapes from the AWS API reference (each cites its page in "//").
// These tests create equivalent resources and compare the *raw JSON* the emulator sends (not the
// SDK's parsed output, which would silently drop members AWS does not have): same keys, same
// value types, nothing missing and nothing extra.

const fixture = (name: string): Record<string, unknown[]> =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8'))

/** Keys and value types, recursively; arrays by the shape of their elements. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])]
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)]))
  }
  return typeof value
}

/** POST /v1/<operation> as the SDK sends it; the emulator routes by the SigV4 credential scope. */
async function raw(emulator: Emulator, operation: string, body: unknown): Promise<Record<string, unknown[]>> {
  const response = await fetch(`${emulator.url}/v1/${operation.toLowerCase()}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/batch/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown[]>
}

describe('Batch Describe* responses have the shapes of the AWS API reference', () => {
  it('DescribeComputeEnvironments (EC2 and Fargate Spot)', async () => {
    const {emulator, batch} = await startBatch()
    const expected = fixture('batch-describe-compute-environments.json')
    await createComputeEnvironment(
      batch,
      emulator,
      'P2OnDemand',
      ec2Resources({maxvCpus: 128, desiredvCpus: 48, instanceTypes: ['p2'], ec2KeyPair: 'id_rsa', tags: {Name: 'Batch Instance - P2OnDemand'}}),
      {serviceRole: 'AWSBatchServiceRole', tags: {Name: 'Batch - P2OnDemand'}},
    )
    await createComputeEnvironment(batch, emulator, 'FargateSpot', fargateResources({type: 'FARGATE_SPOT', maxvCpus: 256}))
    const actual = await raw(emulator, 'DescribeComputeEnvironments', {})
    expect(actual.computeEnvironments!.map(shape)).toEqual(expected.computeEnvironments!.map(shape))
  })

  it('DescribeJobQueues (fair-share queue with a time limit action)', async () => {
    const {emulator, batch} = await startBatch()
    const expected = fixture('batch-describe-job-queues.json')
    const ce = await createComputeEnvironment(batch, emulator, 'C4OnDemand')
    const {arn} = await batch.send(new CreateSchedulingPolicyCommand({name: 'MySchedulingPolicy', fairsharePolicy: {}}))
    await createJobQueue(batch, emulator, 'HighPriority', [ce], {
      schedulingPolicyArn: arn,
      tags: {team: 'genomics'},
      jobStateTimeLimitActions: [{reason: 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY', state: 'RUNNABLE', maxTimeSeconds: 600, action: 'CANCEL'}],
    })
    const actual = await raw(emulator, 'DescribeJobQueues', {})
    expect(actual.jobQueues!.map(shape)).toEqual(expected.jobQueues!.map(shape))
  })

  it('DescribeJobDefinitions (EC2 and Fargate container jobs)', async () => {
    const {emulator, batch} = await startBatch()
    const expected = fixture('batch-describe-job-definitions.json')
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'sleep60',
        type: 'container',
        retryStrategy: {attempts: 3},
        timeout: {attemptDurationSeconds: 120},
        containerProperties: {
          image: 'busybox',
          command: ['sleep', '60'],
          resourceRequirements: [
            {value: '1', type: 'VCPU'},
            {value: '128', type: 'MEMORY'},
          ],
          logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/aws/batch/job'}},
        },
      }),
    )
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'fargate-sleep',
        type: 'container',
        platformCapabilities: ['FARGATE'],
        containerProperties: {
          image: 'busybox',
          command: ['sleep', '60'],
          executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
          resourceRequirements: [
            {value: '0.25', type: 'VCPU'},
            {value: '512', type: 'MEMORY'},
          ],
        },
      }),
    )
    // Listed newest first (AWS's order), so reverse to pair with the fixture's order of registration.
    const actual = await raw(emulator, 'DescribeJobDefinitions', {})
    actual.jobDefinitions!.reverse()
    expect(actual.jobDefinitions!.map(shape)).toEqual(expected.jobDefinitions!.map(shape))
  })
})
