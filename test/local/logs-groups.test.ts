import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  InvalidParameterException,
  ListTagsForResourceCommand,
  paginateDescribeLogGroups,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

async function client(options = {}) {
  const {emulator, config} = await startEmulator(options)
  return {emulator, logs: new CloudWatchLogsClient(config)}
}

describe('CloudWatch Logs: log groups', () => {
  // AWS: DescribeLogGroups — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
  it('describes groups in name order with prefix, pattern and pagination (limit ≤ 50)', async () => {
    const {logs} = await client()
    const names = Array.from({length: 7}, (_, i) => `/aws/batch/g${i}`)
    for (const logGroupName of [...names].reverse()) await logs.send(new CreateLogGroupCommand({logGroupName}))
    await logs.send(new CreateLogGroupCommand({logGroupName: 'other', logGroupClass: 'INFREQUENT_ACCESS'}))
    const seen: string[] = []
    for await (const page of paginateDescribeLogGroups({client: logs, pageSize: 3}, {logGroupNamePrefix: '/aws/batch/'})) {
      expect(page.logGroups!.length).toBeLessThanOrEqual(3)
      seen.push(...page.logGroups!.map((group) => group.logGroupName!))
    }
    expect(seen).toEqual(names)
    const {logGroups} = await logs.send(new DescribeLogGroupsCommand({logGroupNamePattern: 'the'}))
    expect(logGroups).toEqual([
      {
        logGroupName: 'other',
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: 'arn:aws:logs:us-east-1:123456789012:log-group:other:*',
        logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:other',
        storedBytes: 0,
        logGroupClass: 'INFREQUENT_ACCESS',
      },
    ])
    const tooMany = await logs.send(new DescribeLogGroupsCommand({limit: 51})).catch((e) => e)
    expect(tooMany).toBeInstanceOf(InvalidParameterException)
    expect(tooMany.message).toContain("at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50")
    const both = await logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: 'a', logGroupNamePattern: 'b'})).catch((e) => e)
    expect(both).toBeInstanceOf(InvalidParameterException)
  })

  // AWS: PutRetentionPolicy — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
  it('sets and removes retention, accepting only the listed day counts', async () => {
    const {logs} = await client()
    await logs.send(new CreateLogGroupCommand({logGroupName: 'g'}))
    await logs.send(new PutRetentionPolicyCommand({logGroupName: 'g', retentionInDays: 30}))
    let {logGroups} = await logs.send(new DescribeLogGroupsCommand({}))
    expect(logGroups![0]!.retentionInDays).toBe(30)
    const bad = await logs.send(new PutRetentionPolicyCommand({logGroupName: 'g', retentionInDays: 2})).catch((e) => e)
    expect(bad).toBeInstanceOf(InvalidParameterException)
    expect(bad.message).toContain("Value '2' at 'retentionInDays'")
    await logs.send(new DeleteRetentionPolicyCommand({logGroupName: 'g'}))
    ;({logGroups} = await logs.send(new DescribeLogGroupsCommand({})))
    expect(logGroups![0]!.retentionInDays).toBeUndefined()
    await expect(logs.send(new PutRetentionPolicyCommand({logGroupName: 'nope', retentionInDays: 1}))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
  })

  it('rejects events older than the retention period as expired', async () => {
    const {emulator, logs} = await client()
    await logs.send(new CreateLogGroupCommand({logGroupName: 'g'}))
    await logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: 's'}))
    await logs.send(new PutRetentionPolicyCommand({logGroupName: 'g', retentionInDays: 1}))
    const now = emulator.clock.now()
    const result = await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [
          {timestamp: now - 2 * 86_400_000, message: 'expired'},
          {timestamp: now, message: 'ok'},
        ],
      }),
    )
    expect(result.rejectedLogEventsInfo).toEqual({expiredLogEventEndIndex: 0})
  })

  // AWS: TagResource / ListTagsForResource — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
  it('tags groups at creation and by ARN, with the 50-tag limit', async () => {
    const {logs} = await client()
    await logs.send(new CreateLogGroupCommand({logGroupName: 'g', tags: {team: 'data'}}))
    const resourceArn = 'arn:aws:logs:us-east-1:123456789012:log-group:g'
    await logs.send(new TagResourceCommand({resourceArn, tags: {env: 'dev'}}))
    expect((await logs.send(new ListTagsForResourceCommand({resourceArn}))).tags).toEqual({team: 'data', env: 'dev'})
    await logs.send(new UntagResourceCommand({resourceArn, tagKeys: ['team']}))
    expect((await logs.send(new ListTagsForResourceCommand({resourceArn}))).tags).toEqual({env: 'dev'})
    const many = Object.fromEntries(Array.from({length: 50}, (_, i) => [`k${i}`, 'v']))
    await expect(logs.send(new TagResourceCommand({resourceArn, tags: many}))).rejects.toBeInstanceOf(TooManyTagsException)
    await expect(
      logs.send(new ListTagsForResourceCommand({resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:nope'})),
    ).rejects.toBeInstanceOf(ResourceNotFoundException)
    const badKey = await logs.send(new CreateLogGroupCommand({logGroupName: 'h', tags: {'bad*key': 'v'}})).catch((e) => e)
    expect(badKey).toBeInstanceOf(InvalidParameterException)
  })

  it('deletes groups with their streams, and answers ResourceNotFoundException afterwards', async () => {
    const {logs} = await client()
    await logs.send(new CreateLogGroupCommand({logGroupName: 'g'}))
    await logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: 's'}))
    await logs.send(new DeleteLogStreamCommand({logGroupName: 'g', logStreamName: 's'}))
    await expect(logs.send(new DeleteLogStreamCommand({logGroupName: 'g', logStreamName: 's'}))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
    await logs.send(new DeleteLogGroupCommand({logGroupName: 'g'}))
    await expect(logs.send(new DeleteLogGroupCommand({logGroupName: 'g'}))).rejects.toBeInstanceOf(ResourceNotFoundException)
    await expect(logs.send(new DescribeLogStreamsCommand({logGroupName: 'g'}))).rejects.toBeInstanceOf(ResourceNotFoundException)
  })

  it('keeps groups, streams and events across a restart with a state file', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'batchctl-logs-')), 'state.json')
    const first = await client({stateFile})
    await first.logs.send(new CreateLogGroupCommand({logGroupName: 'g', tags: {a: 'b'}}))
    await first.logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: 's'}))
    await first.logs.send(
      new PutLogEventsCommand({logGroupName: 'g', logStreamName: 's', logEvents: [{timestamp: first.emulator.clock.now(), message: 'm'}]}),
    )
    await first.emulator.stop()
    const second = await client({stateFile})
    const {logStreams} = await second.logs.send(new DescribeLogStreamsCommand({logGroupName: 'g'}))
    expect(logStreams![0]!.lastEventTimestamp).toBeDefined()
    expect((await second.logs.send(new DescribeLogGroupsCommand({}))).logGroups![0]!.storedBytes).toBe(1)
  })
})

describe('CloudWatch Logs: log streams', () => {
  // AWS: DescribeLogStreams — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
  it('orders by name or by last event time, ascending or descending, with pages', async () => {
    const {emulator, logs} = await client()
    await logs.send(new CreateLogGroupCommand({logGroupName: 'g'}))
    const now = emulator.clock.now()
    // Stream c has the oldest event, a the newest; b has none.
    for (const [name, offset] of [['c', -3000], ['a', -1000], ['b', undefined]] as const) {
      await logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: name}))
      if (offset !== undefined) {
        await logs.send(new PutLogEventsCommand({logGroupName: 'g', logStreamName: name, logEvents: [{timestamp: now + offset, message: name}]}))
      }
    }
    const names = async (input: Omit<ConstructorParameters<typeof DescribeLogStreamsCommand>[0], 'logGroupName'>) =>
      (await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', ...input}))).logStreams!.map((s) => s.logStreamName)
    expect(await names({})).toEqual(['a', 'b', 'c'])
    expect(await names({descending: true})).toEqual(['c', 'b', 'a'])
    expect(await names({orderBy: 'LastEventTime'})).toEqual(['b', 'c', 'a'])
    expect(await names({orderBy: 'LastEventTime', descending: true})).toEqual(['a', 'c', 'b'])
    expect(await names({logStreamNamePrefix: 'b'})).toEqual(['b'])
    const first = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', limit: 2}))
    expect(first.logStreams!.map((s) => s.logStreamName)).toEqual(['a', 'b'])
    const second = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', limit: 2, nextToken: first.nextToken}))
    expect(second.logStreams!.map((s) => s.logStreamName)).toEqual(['c'])
    expect(second.nextToken).toBeUndefined()
    const down1 = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', limit: 2, descending: true}))
    const down2 = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', limit: 2, descending: true, nextToken: down1.nextToken}))
    expect([...down1.logStreams!, ...down2.logStreams!].map((s) => s.logStreamName)).toEqual(['c', 'b', 'a'])
    const byTime1 = await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', limit: 1, orderBy: 'LastEventTime'}))
    const byTime2 = await logs.send(
      new DescribeLogStreamsCommand({logGroupName: 'g', limit: 5, orderBy: 'LastEventTime', nextToken: byTime1.nextToken}),
    )
    expect([...byTime1.logStreams!, ...byTime2.logStreams!].map((s) => s.logStreamName)).toEqual(['b', 'c', 'a'])
    const empty = (await logs.send(new DescribeLogStreamsCommand({logGroupName: 'g', logStreamNamePrefix: 'b'}))).logStreams![0]!
    expect(empty).toEqual({
      logStreamName: 'b',
      creationTime: expect.any(Number),
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:b',
      storedBytes: 0,
    })
    const mixed = await logs
      .send(new DescribeLogStreamsCommand({logGroupName: 'g', orderBy: 'LastEventTime', logStreamNamePrefix: 'a'}))
      .catch((e) => e)
    expect(mixed).toBeInstanceOf(InvalidParameterException)
    expect(mixed.message).toBe('Cannot order by LastEventTime with a logStreamNamePrefix.')
  })
})
