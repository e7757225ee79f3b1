import {
  CreateSchedulingPolicyCommand,
  ListTagsForResourceCommand,
  RegisterJobDefinitionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {createComputeEnvironment, createJobQueue, describeCe, expectClientException, startBatch} from './batch-builders.js'

// AWS: TagResource — https://docs.aws.amazon.com/batch/latest/APIReference/API_TagResource.html
// AWS: UntagResource — https://docs.aws.amazon.com/batch/latest/APIReference/API_UntagResource.html
// AWS: Tagging your AWS Batch resources (limits: 50 tags, keys 128, values 256, aws: reserved)

describe('Batch tags', () => {
  it('tags, lists and untags every taggable resource kind, starting from the tags given at creation', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce', undefined, {tags: {owner: 'genomics'}})
    const queue = await createJobQueue(batch, emulator, 'q', [ce], {tags: {owner: 'genomics'}})
    const {jobDefinitionArn} = await batch.send(
      new RegisterJobDefinitionCommand({jobDefinitionName: 'jd', type: 'container', containerProperties: {image: 'x', vcpus: 1, memory: 64}, tags: {owner: 'genomics'}}),
    )
    const {arn: policy} = await batch.send(new CreateSchedulingPolicyCommand({name: 'p', tags: {owner: 'genomics'}}))
    for (const arn of [ce, queue, jobDefinitionArn!, policy!]) {
      await batch.send(new TagResourceCommand({resourceArn: arn, tags: {env: 'dev', owner: 'platform'}}))
      expect((await batch.send(new ListTagsForResourceCommand({resourceArn: arn}))).tags).toEqual({owner: 'platform', env: 'dev'})
      await batch.send(new UntagResourceCommand({resourceArn: arn, tagKeys: ['owner', 'absent']}))
      expect((await batch.send(new ListTagsForResourceCommand({resourceArn: arn}))).tags).toEqual({env: 'dev'})
    }
    // Tags show on Describe too.
    expect((await describeCe(batch, 'ce'))?.tags).toEqual({env: 'dev'})
  })

  it('refuses the reserved aws: prefix, long keys and values, and more than 50 tags', async () => {
    const {emulator, batch} = await startBatch()
    const ce = await createComputeEnvironment(batch, emulator, 'ce')
    await expectClientException(batch.send(new TagResourceCommand({resourceArn: ce, tags: {'aws:x': 'y'}})), /aws:/)
    await expectClientException(batch.send(new TagResourceCommand({resourceArn: ce, tags: {['k'.repeat(129)]: 'y'}})), /between 1 and 128/)
    await expectClientException(batch.send(new TagResourceCommand({resourceArn: ce, tags: {k: 'v'.repeat(257)}})), /at most 256/)
    const fifty = Object.fromEntries(Array.from({length: 50}, (_, i) => [`k${i}`, 'v']))
    await batch.send(new TagResourceCommand({resourceArn: ce, tags: fifty}))
    await expectClientException(batch.send(new TagResourceCommand({resourceArn: ce, tags: {one: 'more'}})), /at most 50 tags/)
    // A refused call changes nothing.
    expect(Object.keys((await batch.send(new ListTagsForResourceCommand({resourceArn: ce}))).tags ?? {})).toHaveLength(50)
  })

  it('refuses unknown resources and non-Batch ARNs', async () => {
    const {batch} = await startBatch()
    await expectClientException(
      batch.send(new ListTagsForResourceCommand({resourceArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/ghost'})),
      /does not exist/,
    )
    await expectClientException(batch.send(new TagResourceCommand({resourceArn: 'arn:aws:s3:::bucket', tags: {a: 'b'}})), /not a valid AWS Batch resource ARN/)
  })
})
