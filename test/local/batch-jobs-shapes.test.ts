import {readFileSync} from 'node:fs'
import {RegisterJobDefinitionCommand, SubmitJobCommand} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {advance, createEc2Environment, createQueue, describe1, startBatch} from './batch-jobs-setup.js'

// AWS: DescribeJobs, example "To describe a specific job" (AWS Batch API Reference,
// https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobs.html).
const fixture = JSON.parse(readFileSync(new URL('../fixtures/aws/batch-describe-jobs.json', import.meta.url), 'utf8')) as {
  jobs: Record<string, unknown>[]
}

// AWS: JobDetail (AWS Batch API Reference, https://docs.aws.amazon.com/batch/latest/APIReference/API_JobDetail.html).
const JOB_DETAIL_MEMBERS = new Set([
  'jobArn', 'jobName', 'jobId', 'jobQueue', 'status', 'shareIdentifier', 'schedulingPriority', 'attempts', 'statusReason',
  'createdAt', 'retryStrategy', 'startedAt', 'stoppedAt', 'dependsOn', 'jobDefinition', 'parameters', 'container',
  'nodeDetails', 'nodeProperties', 'arrayProperties', 'timeout', 'tags', 'propagateTags', 'platformCapabilities',
  'eksProperties', 'eksAttempts', 'ecsProperties', 'isCancelled', 'isTerminated', 'consumableResourceProperties',
])

const kind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value)

/** Each key of `expected` is in `actual` with a value of the same JSON type, recursively. */
function sameShape(expected: unknown, actual: unknown, path: string, problems: string[]): void {
  if (kind(expected) !== kind(actual)) {
    problems.push(`${path}: ${kind(expected)} expected, ${kind(actual)} found`)
    return
  }
  if (kind(expected) === 'object') {
    for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
      sameShape(value, (actual as Record<string, unknown>)[key], `${path}.${key}`, problems)
    }
  }
  if (Array.isArray(expected) && expected.length > 0) {
    for (const item of actual as unknown[]) sameShape(expected[0], item, `${path}[]`, problems)
  }
}

describe('Batch jobs: DescribeJobs output shape', () => {
  it('has the keys and JSON types of the API reference example for an equivalent job', async () => {
    const {batch, emulator} = await startBatch()
    const ce = await createEc2Environment(batch, 'C4OnDemand', 16)
    await createQueue(batch, 'HighPriority', [ce])
    // The example's job definition: sleep60 (busybox, `sleep 60`, 1 vCPU, 128 MiB, legacy vcpus/memory fields).
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'sleep60',
        type: 'container',
        containerProperties: {image: 'busybox', command: ['sleep', '60'], vcpus: 1, memory: 128},
      }),
    )
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'example', jobQueue: 'HighPriority', jobDefinition: 'sleep60'}))
    advance(emulator, 5_000)
    expect((await describe1(batch, jobId!)).status).toBe('SUCCEEDED')

    // What goes on the wire (the SDK would silently drop unknown members, so look at the raw output).
    const raw = JSON.parse(JSON.stringify(await emulator.invoke('batch', 'DescribeJobs', {jobs: [jobId]}))) as {jobs: Record<string, unknown>[]}
    const ours = raw.jobs[0]!
    const problems: string[] = []
    sameShape(fixture.jobs[0], ours, 'job', problems)
    expect(problems).toEqual([])
    expect(Object.keys(ours).filter((key) => !JOB_DETAIL_MEMBERS.has(key))).toEqual([])
    expect(ours).toMatchObject({jobName: 'example', status: 'SUCCEEDED', dependsOn: [], parameters: {}})
    expect((ours.container as Record<string, unknown>).command).toEqual(['sleep', '60'])
  })
})
