import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, StartLiveTailCommand} from '@aws-sdk/client-cloudwatch-logs'
import {describe, expect, it} from 'vitest'

import {LogEvents} from '../../src/aws/jobs/log-events.js'
import {CallBudget} from '../../src/jobs/call-budget.js'
import {LogFollower, type LogLine} from '../../src/jobs/log-follow.js'
import {liveTailSessions} from '../../src/local/services/logs/live-tail.js'
import type {LogsState} from '../../src/local/services/logs/state.js'
import {startEmulator} from '../helpers/emulator.js'

// AWS: StartLiveTail — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html
// (one sessionStart, then a sessionUpdate every second; more than 500 matching events per second
// are "sampled down to 500", with sessionMetadata.sampled true; LiveTailSessionLogEvent carries
// logStreamName, timestamp, ingestionTime and message, no eventId).

const GROUP = '/aws/batch/job'
const ACCOUNT = '123456789012'
/** Batch stream names: `<definition>/default/<taskId>`; one prefix covers a job's children. */
const STREAM = 'def/default/a'
const ref = (name: string) => ({logGroup: GROUP, logStreamName: name, jobId: name, label: name, attempt: 1})

async function setup(streams: string[], options: {maxAttempts?: number} = {}) {
  const {emulator, config} = await startEmulator()
  const client = new CloudWatchLogsClient({...config, disableHostPrefix: true, ...(options.maxAttempts ? {maxAttempts: options.maxAttempts} : {})})
  await client.send(new CreateLogGroupCommand({logGroupName: GROUP}))
  for (const name of streams) await client.send(new CreateLogStreamCommand({logGroupName: GROUP, logStreamName: name}))
  const put = (stream: string, events: Array<[number, string]>) =>
    client.send(new PutLogEventsCommand({logGroupName: GROUP, logStreamName: stream, logEvents: events.map(([timestamp, message]) => ({timestamp, message}))}))
  let now = 1_000_000
  const clock = {now: () => now, advance: (ms: number) => (now += ms)}
  const warnings: string[] = []
  const follower = new LogFollower(new LogEvents(client), {
    settleMs: 1000,
    now: clock.now,
    budget: new CallBudget(1000),
    liveTail: {accountId: () => ACCOUNT, retryMs: 5000, onWarning: (message) => warnings.push(message)},
  })
  const sessions = () => liveTailSessions(emulator.state<LogsState>('logs'))
  /** Sends the sessions' pending update (the emulator's clock) and waits until the follower took `n` more live events. */
  const deliver = async (n: number) => {
    const target = follower.liveEvents + n
    emulator.clock.advance(1000)
    await waitFor(() => follower.liveEvents >= target)
  }
  return {emulator, client, put, clock, follower, warnings, sessions, deliver, filterCalls: () => emulator.calls.count('logs', 'FilterLogEvents')}
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(condition()).toBe(true)
}

const messages = (lines: LogLine[]) => lines.map((line) => line.message)

describe('LogFollower with Live Tail', () => {
  it('prints identical lines of one PutLogEvents batch as many times as they were written, whichever source saw them first', async () => {
    const {put, clock, follower, deliver, filterCalls, sessions} = await setup([STREAM])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    expect([...sessions()].map((s) => s.logStreamNamePrefixes)).toEqual([['def/default/']])
    const t = Date.now() - 60_000
    // Before the backfill read: Live Tail delivers these first, then FilterLogEvents reads them again.
    await put(STREAM, [[t, 'same'], [t, 'same'], [t, 'same'], [t + 1, 'other']])
    await deliver(4)
    clock.advance(1000)
    const first = await follower.poll()
    expect(messages(first)).toEqual(['same', 'same', 'same', 'other'])
    expect(filterCalls()).toBe(1) // the backfill read

    // Covered and backfilled: new lines come from Live Tail only, no FilterLogEvents call.
    await put(STREAM, [[t + 2, 'again'], [t + 2, 'again']])
    await deliver(2)
    clock.advance(1000)
    expect(messages(follower.releaseSettled())).toEqual(['again', 'again'])
    await follower.poll()
    expect(filterCalls()).toBe(1)

    // The attempt ends: one read a settle time later, then the stream retires; nothing repeats.
    await put(STREAM, [[t + 3, 'Exiting with 0']])
    await deliver(1)
    follower.add([{...ref(STREAM), final: true}])
    clock.advance(1000)
    expect(messages(await follower.poll())).toEqual(['Exiting with 0'])
    expect(filterCalls()).toBe(2)
    expect(follower.active).toBe(0)
    await follower.close()
    await waitFor(() => sessions().size === 0)
  })

  it('drops events of streams it does not follow; a new prefix gets a replacement session that takes over without a gap', async () => {
    const other = 'def/default/not-mine'
    const second = 'def2/default/b'
    const {emulator, put, clock, follower, deliver, sessions, filterCalls} = await setup([STREAM, other, second])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    clock.advance(1000)
    await follower.poll() // STREAM's backfill read
    const t = Date.now() - 60_000
    await put(other, [[t, 'someone else']])
    // Ingested before the replacement starts, sent by the old session only after it did.
    await put(STREAM, [[t, 'mine']])
    follower.add([ref(second)])
    await waitFor(() => follower.liveCovered === 2)
    expect(emulator.calls.count('logs', 'StartLiveTail')).toBe(2)
    await deliver(1)
    // The old session closed after that last update.
    await waitFor(() => sessions().size === 1)
    expect([...sessions()][0]!.logStreamNamePrefixes).toEqual(['def/default/', 'def2/default/'])
    await put(second, [[t + 1, 'second stream']])
    await put(STREAM, [[t + 2, 'mine again']])
    await deliver(2)
    clock.advance(1000)
    const lines = await follower.poll()
    expect(lines.map((l) => `${l.stream.logStreamName}:${l.message}`)).toEqual([`${STREAM}:mine`, `${second}:second stream`, `${STREAM}:mine again`])
    // Two backfill reads (one per stream), nothing else: 'mine' came from the old session.
    expect(filterCalls()).toBe(2)
    await follower.close()
  })

  it('reads a stream again when the replaced session fails before its last update', async () => {
    const second = 'def2/default/b'
    const {put, clock, follower, sessions, filterCalls} = await setup([STREAM, second])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    clock.advance(1000)
    await follower.poll()
    const t = Date.now() - 60_000
    await put(STREAM, [[t, 'in flight']])
    follower.add([ref(second)])
    await waitFor(() => follower.liveCovered === 2)
    await waitFor(() => sessions().size === 2)
    // The old session dies holding 'in flight'; the new one started after it was ingested.
    for (const session of sessions()) if (session.logStreamNamePrefixes?.length === 1) session.fail('SessionStreamingException', 'injected')
    await waitFor(() => follower.liveGaps === 1)
    expect(sessions().size).toBe(1)
    const before = filterCalls()
    const lines: LogLine[] = []
    for (let i = 0; i < 2; i++) {
      clock.advance(1000)
      lines.push(...(await follower.poll()))
    }
    expect(messages(lines)).toEqual(['in flight'])
    expect(filterCalls()).toBeGreaterThan(before)
    expect(follower.liveCovered).toBe(2)
    await follower.close()
  })

  it('loses no line when a session fails: its streams are polled from their marks, and a new session takes over later', async () => {
    const {put, clock, follower, deliver, sessions, filterCalls} = await setup([STREAM])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    const t = Date.now() - 60_000
    await put(STREAM, [[t, 'one']])
    await deliver(1)
    clock.advance(1000)
    expect(messages(await follower.poll())).toEqual(['one'])
    // Written, then the session fails before its next update: Live Tail never delivers these.
    await put(STREAM, [[t + 1, 'two'], [t + 2, 'three']])
    for (const session of sessions()) session.fail('SessionStreamingException', 'injected')
    await waitFor(() => follower.liveCovered === 0)
    const before = filterCalls()
    clock.advance(1000)
    expect(messages(await follower.poll())).toEqual([])
    expect(filterCalls()).toBe(before + 1) // polled again at once
    clock.advance(1000)
    expect(messages(await follower.poll())).toEqual(['two', 'three'])
    // After retryMs a new session covers the stream again.
    clock.advance(5000)
    await follower.poll()
    await waitFor(() => follower.liveCovered === 1)
    await put(STREAM, [[t + 3, 'four']])
    await deliver(1)
    clock.advance(1000)
    const rest = [...(await follower.poll())]
    clock.advance(1000)
    rest.push(...(await follower.poll()))
    expect(messages(rest)).toEqual(['four'])
    await follower.close()
  })

  it('says plainly when Live Tail samples, polls that group instead, and still prints every line once, in order', async () => {
    const {put, clock, follower, warnings, sessions, emulator} = await setup([STREAM])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    clock.advance(1000)
    await follower.poll() // backfill: nothing yet
    const t = Date.now() - 60_000
    // 1,200 events within one second: over the 500 per update Live Tail sends unsampled.
    const batch: Array<[number, string]> = Array.from({length: 1200}, (_, i) => [t + i, `line ${i}`])
    await put(STREAM, batch)
    emulator.clock.advance(1000)
    await waitFor(() => warnings.length === 1)
    expect(warnings[0]).toBe(
      `Live Tail is sampling log group ${GROUP} (too many events per second); reading it with FilterLogEvents instead so no line is lost`,
    )
    await waitFor(() => sessions().size === 0)
    expect(follower.liveCovered).toBe(0)
    const lines: LogLine[] = []
    for (let i = 0; i < 4; i++) {
      lines.push(...(await follower.poll()))
      clock.advance(1000)
    }
    expect(messages(lines)).toEqual(batch.map(([, message]) => message))
    // Never again for this group.
    clock.advance(60_000)
    await follower.poll()
    expect(emulator.calls.count('logs', 'StartLiveTail')).toBe(1)
    await follower.close()
  })

  it('polls while the account is at its 15 concurrent sessions (LimitExceededException), and takes Live Tail once a slot frees', async () => {
    // One attempt per call: the SDK counts LimitExceededException as throttling and would retry it.
    const {client, put, clock, follower, sessions, emulator} = await setup([STREAM], {maxAttempts: 1})
    const others = Array.from({length: 15}, () => new AbortController())
    for (const controller of others) {
      const out = await client.send(new StartLiveTailCommand({logGroupIdentifiers: [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}`]}), {abortSignal: controller.signal})
      await out.responseStream![Symbol.asyncIterator]().next()
    }
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveLost === 1)
    expect(emulator.calls.find('logs', 'StartLiveTail').map((c) => c.error ?? 'ok')).toEqual([...others.map(() => 'ok'), 'LimitExceededException'])
    const t = Date.now() - 60_000
    await put(STREAM, [[t, 'polled']])
    const lines = [...(await follower.poll())]
    clock.advance(1000)
    lines.push(...(await follower.poll()))
    expect(messages(lines)).toEqual(['polled'])
    expect(follower.liveCovered).toBe(0)
    others[0]!.abort()
    await waitFor(() => sessions().size === 14)
    clock.advance(5000) // retryMs
    lines.push(...(await follower.poll()))
    await waitFor(() => follower.liveCovered === 1)
    await put(STREAM, [[t + 1, 'live']])
    const before = follower.liveEvents
    emulator.clock.advance(1000)
    await waitFor(() => follower.liveEvents > before)
    for (let i = 0; i < 2; i++) {
      clock.advance(1000)
      lines.push(...(await follower.poll()))
    }
    expect(messages(lines)).toEqual(['polled', 'live'])
    await follower.close()
    for (const controller of others) controller.abort()
  })

  it('starts a new session after the three-hour SessionTimeoutException, printing what was written meanwhile once', async () => {
    const {put, clock, follower, emulator, deliver} = await setup([STREAM])
    follower.add([ref(STREAM)])
    await waitFor(() => follower.liveCovered === 1)
    const t = Date.now() - 60_000
    clock.advance(1000)
    await follower.poll()
    await put(STREAM, [[t, 'before timeout']])
    // Three hours of the emulator's clock: the session's pending update, then the timeout.
    emulator.clock.advance(3 * 3_600_000)
    await waitFor(() => follower.liveCovered === 0)
    await put(STREAM, [[t + 1, 'while polled']])
    const lines: LogLine[] = []
    for (let i = 0; i < 2; i++) {
      clock.advance(1000)
      lines.push(...(await follower.poll()))
    }
    clock.advance(5000)
    lines.push(...(await follower.poll()))
    await waitFor(() => follower.liveCovered === 1)
    expect(emulator.calls.count('logs', 'StartLiveTail')).toBe(2)
    await put(STREAM, [[t + 2, 'live again']])
    await deliver(1)
    for (let i = 0; i < 2; i++) {
      clock.advance(1000)
      lines.push(...(await follower.poll()))
    }
    expect(messages(lines)).toEqual(['before timeout', 'while polled', 'live again'])
    await follower.close()
  })
})
