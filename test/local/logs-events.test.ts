import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  paginateGetLogEvents,
  PutLogEventsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import {appendLogEvents} from '../../src/local/services/logs/index.js'
import {startEmulator} from '../helpers/emulator.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

async function setup() {
  const {emulator, config} = await startEmulator()
  const logs = new CloudWatchLogsClient(config)
  await logs.send(new CreateLogGroupCommand({logGroupName: '/aws/batch/job'}))
  await logs.send(new CreateLogStreamCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc'}))
  const put = (messages: string[], at = emulator.clock.now()) =>
    logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/batch/job',
        logStreamName: 'def/default/abc',
        logEvents: messages.map((message, i) => ({timestamp: at + i, message})),
      }),
    )
  return {emulator, logs, put}
}

describe('CloudWatch Logs: groups, streams and events', () => {
  // AWS: CreateLogGroup / CreateLogStream — Amazon CloudWatch Logs API Reference
  // (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)
  it('rejects duplicate groups and streams, streams in missing groups, and bad names', async () => {
    const {logs} = await setup()
    await expect(logs.send(new CreateLogGroupCommand({logGroupName: '/aws/batch/job'}))).rejects.toBeInstanceOf(
      ResourceAlreadyExistsException,
    )
    await expect(
      logs.send(new CreateLogStreamCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc'})),
    ).rejects.toBeInstanceOf(ResourceAlreadyExistsException)
    const missing = await logs.send(new CreateLogStreamCommand({logGroupName: 'nope', logStreamName: 's'})).catch((e) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
    expect(missing.message).toBe('The specified log group does not exist.')
    expect(missing.$metadata.httpStatusCode).toBe(400)
    const badName = await logs.send(new CreateLogGroupCommand({logGroupName: 'has space'})).catch((e) => e)
    expect(badName).toBeInstanceOf(InvalidParameterException)
    expect(badName.message).toMatch(/^1 validation error detected: Value 'has space' at 'logGroupName' failed to satisfy constraint/)
    expect(badName.message).toBe(
      "1 validation error detected: Value 'has space' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    )
    const empty = await logs.send(new CreateLogGroupCommand({logGroupName: ''})).catch((e) => e)
    expect(empty.message).toMatch(/^2 validation errors detected: /)
    const reserved = await logs.send(new CreateLogGroupCommand({logGroupName: 'aws/mine'})).catch((e) => e)
    expect(reserved).toBeInstanceOf(InvalidParameterException)
    expect(reserved.message).toBe('Log groups starting with AWS/ are reserved for AWS.')
    const badStream = await logs
      .send(new CreateLogStreamCommand({logGroupName: '/aws/batch/job', logStreamName: 'a:b'}))
      .catch((e) => e)
    expect(badStream).toBeInstanceOf(InvalidParameterException)
  })

  // AWS: PutLogEvents — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
  it('stores events, ignores the sequence token, and reports stream times as DescribeLogStreams does', async () => {
    const {emulator, logs, put} = await setup()
    const at = emulator.clock.now() - 1000
    const first = await put(['one', 'two'], at)
    expect(first.nextSequenceToken).toMatch(/^\d+$/)
    expect(first.rejectedLogEventsInfo).toBeUndefined()
    // A stale or made-up sequence token is accepted.
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/batch/job',
        logStreamName: 'def/default/abc',
        sequenceToken: 'not-a-real-token',
        logEvents: [{timestamp: at + 10, message: 'three'}],
      }),
    )
    const {logStreams} = await logs.send(new DescribeLogStreamsCommand({logGroupName: '/aws/batch/job'}))
    expect(logStreams).toHaveLength(1)
    const stream = logStreams![0]!
    expect(stream).toMatchObject({
      logStreamName: 'def/default/abc',
      firstEventTimestamp: at,
      lastEventTimestamp: at + 10,
      storedBytes: 0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/batch/job:log-stream:def/default/abc',
    })
    expect(stream.lastIngestionTime).toBeGreaterThanOrEqual(at)
  })

  it('fails a batch out of chronological order, too many events or too many bytes', async () => {
    const {emulator, logs} = await setup()
    const now = emulator.clock.now()
    const send = (logEvents: {timestamp: number; message: string}[]) =>
      logs
        .send(new PutLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc', logEvents}))
        .catch((e) => e)
    const unordered = await send([
      {timestamp: now, message: 'b'},
      {timestamp: now - 1, message: 'a'},
    ])
    expect(unordered).toBeInstanceOf(InvalidParameterException)
    expect(unordered.message).toMatch(/chronological order/)
    const tooMany = await send(Array.from({length: 10_001}, () => ({timestamp: now, message: 'x'})))
    expect(tooMany).toBeInstanceOf(InvalidParameterException)
    expect(tooMany.message).toMatch(/at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000/)
    // 1,048,576 bytes counting 26 per event: two events of 524,262 bytes fit exactly, one more byte does not.
    const fits = await send([
      {timestamp: now, message: 'x'.repeat(524_262)},
      {timestamp: now, message: 'y'.repeat(524_262)},
    ])
    expect(fits.nextSequenceToken).toBeDefined()
    const tooBig = await send([
      {timestamp: now, message: 'x'.repeat(524_262)},
      {timestamp: now, message: 'y'.repeat(524_263)},
    ])
    expect(tooBig).toBeInstanceOf(InvalidParameterException)
    expect(tooBig.message).toBe('Upload too large: 1048577 bytes exceeds limit of 1048576')
    const hugeEvent = await send([{timestamp: now, message: 'z'.repeat(1_048_551)}])
    expect(hugeEvent.message).toBe('Log event too large: 1048577 bytes exceeds limit of 1048576')
    // Valid events may span at most 24 hours.
    const span = await send([
      {timestamp: now - 25 * HOUR, message: 'a'},
      {timestamp: now, message: 'b'},
    ])
    expect(span).toBeInstanceOf(InvalidParameterException)
    const empty = await send([])
    expect(empty).toBeInstanceOf(InvalidParameterException)
  })

  it('rejects events older than 14 days, beyond retention or 2 hours ahead, storing the rest', async () => {
    const {emulator, logs} = await setup()
    const now = emulator.clock.now()
    const result = await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/batch/job',
        logStreamName: 'def/default/abc',
        logEvents: [
          {timestamp: now - 15 * DAY, message: 'too old'},
          {timestamp: now - 15 * DAY + 1, message: 'too old too'},
          {timestamp: now - 60_000, message: 'kept'},
          {timestamp: now + 3 * HOUR, message: 'too new'},
        ],
      }),
    )
    expect(result.rejectedLogEventsInfo).toEqual({tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 3})
    const {events} = await logs.send(
      new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc', startFromHead: true}),
    )
    expect(events!.map((event) => event.message)).toEqual(['kept'])
  })

  // AWS: GetLogEvents — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
  // ("If you have reached the end of the stream, it returns the same token you passed in.")
  it('reads forward with tokens, returning the same token at the end until new events arrive', async () => {
    const {emulator, logs, put} = await setup()
    const at = emulator.clock.now() - 10_000
    await put(['e0', 'e1', 'e2', 'e3', 'e4'], at)
    const base = {logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc'}
    const page1 = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, limit: 2}))
    expect(page1.events!.map((event) => event.message)).toEqual(['e0', 'e1'])
    expect(page1.events![0]).toMatchObject({timestamp: at, message: 'e0'})
    expect(page1.events![0]!.ingestionTime).toBeGreaterThanOrEqual(at)
    expect(page1.nextForwardToken).toMatch(/^f\/\d{56}\/s$/)
    expect(page1.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/)
    const page2 = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, nextToken: page1.nextForwardToken, limit: 2}))
    expect(page2.events!.map((event) => event.message)).toEqual(['e2', 'e3'])
    const page3 = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, nextToken: page2.nextForwardToken}))
    expect(page3.events!.map((event) => event.message)).toEqual(['e4'])
    const end = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, nextToken: page3.nextForwardToken}))
    expect(end.events).toEqual([])
    expect(end.nextForwardToken).toBe(page3.nextForwardToken)
    await put(['e5'], at + 100)
    const more = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, nextToken: end.nextForwardToken}))
    expect(more.events!.map((event) => event.message)).toEqual(['e5'])
    // Backward from the second page returns what came before it.
    const back = await logs.send(new GetLogEventsCommand({...base, nextToken: page2.nextBackwardToken}))
    expect(back.events!.map((event) => event.message)).toEqual(['e0', 'e1'])
    const backEnd = await logs.send(new GetLogEventsCommand({...base, nextToken: back.nextBackwardToken}))
    expect(backEnd.events).toEqual([])
    expect(backEnd.nextBackwardToken).toBe(back.nextBackwardToken)
  })

  it('pages with the SDK paginator (stopOnSameToken) and needs startFromHead to go forward', async () => {
    const {emulator, logs, put} = await setup()
    const at = emulator.clock.now() - 10_000
    await put(['e0', 'e1', 'e2', 'e3', 'e4'], at)
    const base = {logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc'}
    const seen: string[] = []
    for await (const page of paginateGetLogEvents({client: logs, pageSize: 2, stopOnSameToken: true}, {...base, startFromHead: true})) {
      seen.push(...page.events!.map((event) => event.message!))
    }
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4'])
    // A forward token without startFromHead reads backward from its position (AWS: "Using this
    // token works only when you specify true for startFromHead").
    const first = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, limit: 3}))
    const wrong = await logs.send(new GetLogEventsCommand({...base, nextToken: first.nextForwardToken}))
    expect(wrong.events!.map((event) => event.message)).toEqual(['e0', 'e1'])
  })

  it('returns the newest events by default, and honours startTime (inclusive) and endTime (exclusive)', async () => {
    const {emulator, logs, put} = await setup()
    const at = emulator.clock.now() - 10_000
    await put(['e0', 'e1', 'e2', 'e3', 'e4'], at)
    const base = {logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc'}
    const latest = await logs.send(new GetLogEventsCommand({...base, limit: 2}))
    expect(latest.events!.map((event) => event.message)).toEqual(['e3', 'e4'])
    const ranged = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, startTime: at + 1, endTime: at + 3}))
    expect(ranged.events!.map((event) => event.message)).toEqual(['e1', 'e2'])
    const empty = await logs.send(new GetLogEventsCommand({...base, startFromHead: true, startTime: at + 100}))
    expect(empty.events).toEqual([])
    expect(empty.nextForwardToken).toMatch(/^f\//)
    expect(empty.nextBackwardToken).toMatch(/^b\//)
  })

  it('answers missing streams, bad tokens and out-of-range limits with AWS errors', async () => {
    const {logs} = await setup()
    const missing = await logs
      .send(new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'nope'}))
      .catch((e) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
    expect(missing.message).toBe('The specified log stream does not exist.')
    const badToken = await logs
      .send(new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc', nextToken: 'junk'}))
      .catch((e) => e)
    expect(badToken).toBeInstanceOf(InvalidParameterException)
    const badLimit = await logs
      .send(new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'def/default/abc', limit: 10_001}))
      .catch((e) => e)
    expect(badLimit).toBeInstanceOf(InvalidParameterException)
    const both = await logs
      .send(
        new GetLogEventsCommand({
          logGroupName: '/aws/batch/job',
          logGroupIdentifier: '/aws/batch/job',
          logStreamName: 'def/default/abc',
        }),
      )
      .catch((e) => e)
    expect(both).toBeInstanceOf(InvalidParameterException)
  })

  it('accepts writes from other emulated services through emulator.invoke', async () => {
    const {emulator, logs} = await setup()
    await emulator.invoke('logs', 'CreateLogStream', {logGroupName: '/aws/batch/job', logStreamName: 'internal'})
    await emulator.invoke('logs', 'PutLogEvents', {
      logGroupName: '/aws/batch/job',
      logStreamName: 'internal',
      logEvents: [{timestamp: emulator.clock.now(), message: 'from batch'}],
    })
    const {events} = await logs.send(new GetLogEventsCommand({logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/batch/job', logStreamName: 'internal'}))
    expect(events!.map((event) => event.message)).toEqual(['from batch'])
    expect(emulator.calls.find('logs', 'GetLogEvents')).toHaveLength(1)
  })
})

describe('GetLogEvents paging (property)', () => {
  // Any mix of out-of-order batches and page sizes: paging forward from the head visits every
  // event once in (timestamp, arrival) order; paging backward from the tail visits them all too.
  it('visits every event exactly once, forward and backward', async () => {
    const {emulator} = await startEmulator()
    await emulator.invoke('logs', 'CreateLogGroup', {logGroupName: 'g'})
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({min: 0, max: 50}), {minLength: 1, maxLength: 8}), {minLength: 1, maxLength: 6}),
        fc.integer({min: 1, max: 7}),
        async (batches, limit) => {
          const stream = `s${run++}`
          await emulator.invoke('logs', 'CreateLogStream', {logGroupName: 'g', logStreamName: stream})
          const base = emulator.clock.now() - 3_600_000
          const expected: Array<[number, string]> = []
          for (const [b, offsets] of batches.entries()) {
            const logEvents = [...offsets].sort((x, y) => x - y).map((offset, i) => ({timestamp: base + offset, message: `${b}.${i}`}))
            await emulator.invoke('logs', 'PutLogEvents', {logGroupName: 'g', logStreamName: stream, logEvents})
            expected.push(...logEvents.map((event): [number, string] => [event.timestamp, event.message]))
          }
          // Stable sort keeps arrival order among equal timestamps, as the stream does.
          expected.sort((x, y) => x[0] - y[0])
          const read = async (startFromHead: boolean) => {
            const seen: string[][] = []
            let token: string | undefined
            for (;;) {
              const page = await emulator.invoke('logs', 'GetLogEvents', {
                logGroupName: 'g',
                logStreamName: stream,
                limit,
                startFromHead,
                ...(token ? {nextToken: token} : {}),
              })
              if (page.events.length === 0) {
                expect(startFromHead ? page.nextForwardToken : page.nextBackwardToken).toBe(token)
                return seen
              }
              seen.push(page.events.map((event: {message: string}) => event.message))
              token = startFromHead ? page.nextForwardToken : page.nextBackwardToken
            }
          }
          const forward = (await read(true)).flat()
          expect(forward).toEqual(expected.map(([, message]) => message))
          const backward = (await read(false)).reverse().flat()
          expect(backward).toEqual(expected.map(([, message]) => message))
        },
      ),
      {numRuns: 25},
    )
  })
})

describe('appendLogEvents (for emulated jobs)', () => {
  it('creates the group and stream, and splits lines into batches AWS accepts', async () => {
    const {emulator, config} = await startEmulator()
    const logs = new CloudWatchLogsClient(config)
    const now = emulator.clock.now()
    const lines = Array.from({length: 25_000}, (_, i) => ({timestamp: now - 25_000 + i, message: `line ${i}`}))
    const calls = await appendLogEvents(emulator, 'us-east-1', {logGroupName: '/aws/batch/job', logStreamName: 'j/default/1', events: lines})
    expect(calls).toBe(3)
    // Writing again to the same stream needs no create.
    const more = await appendLogEvents(emulator, 'us-east-1', {
      logGroupName: '/aws/batch/job',
      logStreamName: 'j/default/1',
      events: [
        {timestamp: now, message: ''},
        {timestamp: now, message: 'é'.repeat(600_000)},
      ],
    })
    expect(more).toBe(1)
    const {events} = await logs.send(new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: 'j/default/1', limit: 2}))
    // The ~1 MB line fills the 1 MB response on its own, so the line before it waits for the next page.
    expect(events!.map((event) => event.message!.slice(0, 6))).toEqual(['éééééé'])
    // Truncated to the per-event limit on a character boundary.
    expect(Buffer.byteLength(events![0]!.message!) + 26).toBeLessThanOrEqual(1_048_576)
    const spread = await appendLogEvents(emulator, 'us-east-1', {
      logGroupName: '/aws/batch/job',
      logStreamName: 'j/default/2',
      events: [
        {timestamp: now - 3 * DAY, message: 'old'},
        {timestamp: now - DAY / 2, message: 'recent'},
      ],
    })
    expect(spread).toBe(2)
  })
})
