import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  type StartLiveTailResponseStream,
  StartLiveTailCommand,
} from '@aws-sdk/client-cloudwatch-logs'
import {describe, expect, it} from 'vitest'

import {liveTailSessions} from '../../src/local/services/logs/live-tail.js'
import type {LogsState} from '../../src/local/services/logs/state.js'
import {startEmulator} from '../helpers/emulator.js'

// AWS: StartLiveTail — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html
// ("A single LiveTailSessionStart object is sent at the start of the session. Every second, a
// LiveTailSessionUpdate object is sent ... If no new log events were ingested in the past
// second, the LiveTailSessionUpdate object will contain an empty array.")

const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:'
const G1 = `${ARN}g1`

async function setup() {
  const {emulator, config} = await startEmulator()
  // StartLiveTail's model has the host prefix `stream-`; against a custom endpoint (an IP
  // address) the client must not prepend it, so adapters set disableHostPrefix.
  const logs = new CloudWatchLogsClient({...config, disableHostPrefix: true})
  for (const logGroupName of ['g1', 'g2']) {
    await logs.send(new CreateLogGroupCommand({logGroupName}))
    for (const logStreamName of ['job/a', 'job/b', 'other']) {
      await logs.send(new CreateLogStreamCommand({logGroupName, logStreamName}))
    }
  }
  const put = (logGroupName: string, logStreamName: string, ...messages: string[]) =>
    emulator.invoke('logs', 'PutLogEvents', {
      logGroupName,
      logStreamName,
      logEvents: messages.map((message) => ({timestamp: emulator.clock.now(), message})),
    })
  return {emulator, logs, config, put}
}

/** Reads the next event off the SDK's async iterator. */
async function next(iterator: AsyncIterator<StartLiveTailResponseStream>): Promise<StartLiveTailResponseStream> {
  const {value, done} = await iterator.next()
  if (done) throw new Error('stream ended')
  return value
}

describe('CloudWatch Logs: StartLiveTail', () => {
  it('streams sessionStart, then per-second sessionUpdates carrying matching new events', async () => {
    const {emulator, logs, put} = await setup()
    const controller = new AbortController()
    const response = await logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:g1', 'arn:aws:logs:us-east-1:123456789012:log-group:g2'],
        logEventFilterPattern: 'ERROR',
      }),
      {abortSignal: controller.signal},
    )
    const iterator = response.responseStream![Symbol.asyncIterator]()
    const start = await next(iterator)
    expect(start.sessionStart).toMatchObject({
      logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:g1', 'arn:aws:logs:us-east-1:123456789012:log-group:g2'],
      logEventFilterPattern: 'ERROR',
    })
    expect(start.sessionStart!.sessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(start.sessionStart!.requestId).toBe(response.$metadata.requestId)

    emulator.clock.advance(1000)
    const quiet = await next(iterator)
    expect(quiet.sessionUpdate).toEqual({sessionMetadata: {sampled: false}, sessionResults: []})

    await put('g1', 'job/a', 'INFO ignored', 'ERROR one')
    await put('g2', 'other', 'ERROR two')
    emulator.clock.advance(1000)
    const update = await next(iterator)
    expect(update.sessionUpdate!.sessionMetadata).toEqual({sampled: false})
    expect(update.sessionUpdate!.sessionResults!.map((event) => [event.logGroupIdentifier, event.logStreamName, event.message])).toEqual([
      ['arn:aws:logs:us-east-1:123456789012:log-group:g1', 'job/a', 'ERROR one'],
      ['arn:aws:logs:us-east-1:123456789012:log-group:g2', 'other', 'ERROR two'],
    ])
    expect(typeof update.sessionUpdate!.sessionResults![0]!.timestamp).toBe('number')
    expect(typeof update.sessionUpdate!.sessionResults![0]!.ingestionTime).toBe('number')
    controller.abort()
  })

  it('limits one group to named streams or prefixes, and samples down to 500 events per update', async () => {
    const {emulator, logs, put} = await setup()
    const controller = new AbortController()
    const response = await logs.send(
      new StartLiveTailCommand({logGroupIdentifiers: [G1], logStreamNamePrefixes: ['job/']}),
      {abortSignal: controller.signal},
    )
    const iterator = response.responseStream![Symbol.asyncIterator]()
    expect((await next(iterator)).sessionStart!.logStreamNamePrefixes).toEqual(['job/'])
    await put('g1', 'other', 'not tailed')
    await put('g1', 'job/b', ...Array.from({length: 1200}, (_, i) => `line ${i}`))
    emulator.clock.advance(1000)
    const update = (await next(iterator)).sessionUpdate!
    expect(update.sessionMetadata).toEqual({sampled: true})
    expect(update.sessionResults).toHaveLength(500)
    expect(update.sessionResults!.every((event) => event.logStreamName === 'job/b')).toBe(true)
    controller.abort()
    // The session ends when the client goes away: no listener is left behind.
    await vitestWaitFor(() => emulator.state<{listeners: Set<unknown>}>('logs').listeners.size === 0)
  })

  it('ends with SessionTimeoutException after three hours', async () => {
    const {emulator, logs} = await setup()
    const response = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]}))
    const iterator = response.responseStream![Symbol.asyncIterator]()
    await next(iterator)
    emulator.clock.advance(3 * 3_600_000 + 1000)
    const events: StartLiveTailResponseStream[] = []
    const error = await (async () => {
      for (;;) events.push(await next(iterator))
    })().catch((e: unknown) => e)
    expect((error as Error).name).toBe('SessionTimeoutException')
    // A slow reader gets at most the 10 most recent updates buffered.
    expect(events.length).toBeLessThanOrEqual(10)
  })

  it('rejects bad requests before streaming', async () => {
    const {logs} = await setup()
    const errorOf = (input: ConstructorParameters<typeof StartLiveTailCommand>[0]) =>
      logs.send(new StartLiveTailCommand(input)).catch((e: unknown) => e)
    expect(await errorOf({logGroupIdentifiers: [`${ARN}nope`]})).toBeInstanceOf(ResourceNotFoundException)
    expect(await errorOf({logGroupIdentifiers: Array.from({length: 11}, () => G1)})).toBeInstanceOf(InvalidParameterException)
    expect(await errorOf({logGroupIdentifiers: [G1, `${ARN}g2`], logStreamNames: ['job/a']})).toBeInstanceOf(InvalidParameterException)
    expect(await errorOf({logGroupIdentifiers: [G1], logStreamNames: ['job/a'], logStreamNamePrefixes: ['job']})).toBeInstanceOf(
      InvalidParameterException,
    )
    expect(await errorOf({logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:g1:*']})).toBeInstanceOf(
      InvalidParameterException,
    )
  })

  it('documents the host prefix: without disableHostPrefix the client targets stream-<host>', async () => {
    const {config} = await setup()
    const plain = new CloudWatchLogsClient({...config, maxAttempts: 1})
    const error = await plain.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]})).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect(String((error as Error).message)).toMatch(/stream-127\.0\.0\.1/)
  })
})

describe('CloudWatch Logs: StartLiveTail limits', () => {
  it('takes log group ARNs, not names', async () => {
    // "Specify each log group by its ARN." (logGroupIdentifiers, StartLiveTail API reference)
    const {logs} = await setup()
    const error = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: ['g1']})).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidParameterException)
  })

  it('refuses a 16th concurrent session with LimitExceededException, and accepts one again after a session closes', async () => {
    // Live Tail: 15 concurrent sessions per account and Region (CloudWatch Logs quotas,
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html);
    // LimitExceededException is among StartLiveTail's errors (API reference).
    const {emulator, logs} = await setup()
    const controllers = Array.from({length: 15}, () => new AbortController())
    for (const controller of controllers) {
      const response = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]}), {abortSignal: controller.signal})
      await next(response.responseStream![Symbol.asyncIterator]())
    }
    expect(liveTailSessions(emulator.state<LogsState>('logs')).size).toBe(15)
    const error = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]})).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LimitExceededException)
    controllers[0]!.abort()
    await vitestWaitFor(() => liveTailSessions(emulator.state<LogsState>('logs')).size === 14)
    const again = new AbortController()
    const response = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]}), {abortSignal: again.signal})
    expect((await next(response.responseStream![Symbol.asyncIterator]())).sessionStart).toBeDefined()
    for (const controller of [...controllers, again]) controller.abort()
  })

  it('ends a session with SessionStreamingException through the test hook', async () => {
    const {emulator, logs} = await setup()
    const response = await logs.send(new StartLiveTailCommand({logGroupIdentifiers: [G1]}))
    const iterator = response.responseStream![Symbol.asyncIterator]()
    await next(iterator)
    for (const session of liveTailSessions(emulator.state<LogsState>('logs'))) session.fail('SessionStreamingException', 'injected')
    const error = await next(iterator).catch((e: unknown) => e)
    expect((error as Error).name).toBe('SessionStreamingException')
    expect(liveTailSessions(emulator.state<LogsState>('logs')).size).toBe(0)
  })
})

async function vitestWaitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(condition()).toBe(true)
}
