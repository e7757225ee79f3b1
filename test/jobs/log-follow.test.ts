import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {describe, expect, it} from 'vitest'

import {LogEvents} from '../../src/aws/jobs/log-events.js'
import {CallBudget} from '../../src/jobs/call-budget.js'
import {LogFollower, type LogLine} from '../../src/jobs/log-follow.js'
import {startEmulator} from '../helpers/emulator.js'

const GROUP = '/aws/batch/job'
const ref = (name: string) => ({logGroup: GROUP, logStreamName: name, jobId: name, label: name, attempt: 1})

async function setup(streams: string[]) {
  const {emulator, config} = await startEmulator()
  const client = new CloudWatchLogsClient({...config, disableHostPrefix: true})
  await client.send(new CreateLogGroupCommand({logGroupName: GROUP}))
  for (const name of streams) await client.send(new CreateLogStreamCommand({logGroupName: GROUP, logStreamName: name}))
  const put = (stream: string, events: Array<[number, string]>) =>
    client.send(new PutLogEventsCommand({logGroupName: GROUP, logStreamName: stream, logEvents: events.map(([timestamp, message]) => ({timestamp, message}))}))
  return {emulator, logs: new LogEvents(client), put}
}

async function setupStream(endpoint: string, name: string): Promise<void> {
  const client = new CloudWatchLogsClient({endpoint, region: 'us-east-1', credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, disableHostPrefix: true})
  await client.send(new CreateLogStreamCommand({logGroupName: GROUP, logStreamName: name}))
  client.destroy()
}

/** A clock the test moves, so "settled" does not depend on the machine's speed. */
function manualClock(start = 1_000_000) {
  let now = start
  return {now: () => now, advance: (ms: number) => (now += ms)}
}

describe('LogFollower', () => {
  it('releases an event ingested late, with an earlier timestamp, in its place within the stream', async () => {
    const {logs, put} = await setup(['a'])
    const clock = manualClock()
    const follower = new LogFollower(logs, {settleMs: 1000, overlapMs: 10_000, now: clock.now, budget: new CallBudget(1000)})
    follower.add([ref('a')])
    const t = Date.now() - 60_000
    await put('a', [[t + 100, 'first'], [t + 300, 'third']])
    expect(await follower.poll()).toEqual([]) // not settled yet
    // Ingested after the first read, but written between the two lines already read.
    await put('a', [[t + 200, 'second']])
    clock.advance(1000)
    // 'second' is not settled yet, so 'third' waits behind it.
    expect((await follower.poll()).map((l) => l.message)).toEqual(['first'])
    clock.advance(1000)
    await put('a', [[t + 400, 'fourth']])
    expect((await follower.poll()).map((l) => l.message)).toEqual(['second', 'third'])
    // Overlapping reads return every line again; none is printed twice.
    clock.advance(1000)
    expect((await follower.poll()).map((l) => l.message)).toEqual(['fourth'])
    clock.advance(1000)
    expect(await follower.poll()).toEqual([])
  })

  it('reads at most 100 streams per call, retires finished streams, and prints each line once', async () => {
    const names = Array.from({length: 150}, (_, i) => `s${i}`)
    const {logs, put, emulator} = await setup(names)
    const clock = manualClock()
    const follower = new LogFollower(logs, {settleMs: 500, now: clock.now, budget: new CallBudget(1000)})
    follower.add(names.map(ref))
    const t = Date.now() - 60_000
    const all: LogLine[] = []
    for (let round = 0; round < 3; round++) {
      for (const name of names) await put(name, [[t + round * 10, `${name} line ${round}`]])
      all.push(...(await follower.poll()))
      clock.advance(500)
    }
    follower.add(names.map((name) => ({...ref(name), final: true})))
    for (let i = 0; i < 3 && follower.active > 0; i++) {
      all.push(...(await follower.poll()))
      clock.advance(500)
    }
    expect(follower.active).toBe(0)
    expect(all).toHaveLength(150 * 3)
    expect(new Set(all.map((l) => l.eventId)).size).toBe(450)
    for (const name of names) {
      expect(all.filter((l) => l.stream.logStreamName === name).map((l) => l.message)).toEqual([0, 1, 2].map((r) => `${name} line ${r}`))
    }
    const calls = emulator.calls.find('logs', 'FilterLogEvents')
    for (const call of calls) expect((call.input as {logStreamNames: string[]}).logStreamNames.length).toBeLessThanOrEqual(100)
    // 2 calls per round (150 streams), no call once every stream is retired.
    const before = calls.length
    await follower.poll()
    expect(emulator.calls.count('logs', 'FilterLogEvents')).toBe(before)
  })

  it('reads the other streams when one named stream does not exist yet, and that one once it does', async () => {
    const {logs, put, emulator} = await setup(['a'])
    const clock = manualClock()
    const follower = new LogFollower(logs, {settleMs: 0, now: clock.now, budget: new CallBudget(1000)})
    follower.add([ref('a'), ref('late'), ref('never')])
    const t = Date.now() - 60_000
    await put('a', [[t, 'a1']])
    expect((await follower.poll()).map((l) => l.message)).toEqual(['a1'])
    // The three together failed, then halves and single streams: 'a' was read, the others set aside.
    const first = emulator.calls.count('logs', 'FilterLogEvents')
    await follower.poll()
    // Next round: 'a' in its chunk, each missing stream alone.
    expect(emulator.calls.count('logs', 'FilterLogEvents') - first).toBe(3)
    await setupStream(emulator.url, 'late')
    await put('late', [[t + 5, 'late1']])
    await put('a', [[t + 6, 'a2']])
    expect((await follower.poll()).map((l) => `${l.stream.logStreamName}:${l.message}`)).toEqual(['late:late1', 'a:a2'])
    // Attempts over: the stream that never appeared retires like the others.
    follower.add([ref('a'), ref('late'), ref('never')].map((r) => ({...r, final: true})))
    clock.advance(1)
    await follower.poll()
    expect(follower.active).toBe(0)
  })

  it('keeps within --since/--until and the filter pattern', async () => {
    const {logs, put} = await setup(['a'])
    const t = Date.now() - 60_000
    await put('a', [[t, 'ERROR early'], [t + 10, 'ERROR mid'], [t + 15, 'info mid'], [t + 20, 'ERROR late']])
    const follower = new LogFollower(logs, {since: t + 5, until: t + 15, filterPattern: 'ERROR', budget: new CallBudget(1000)})
    follower.add([ref('a')])
    expect((await follower.poll(true)).map((l) => l.message)).toEqual(['ERROR mid'])
  })
})

describe('CallBudget', () => {
  it('starts no more than its rate in any second, not a burst and then the rate', async () => {
    let now = 0
    const budget = new CallBudget(5, () => now)
    for (let i = 0; i < 5; i++) await budget.take()
    let granted = false
    const next = budget.take().then(() => (granted = true))
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(granted).toBe(false) // five calls in this second already
    now += 200
    await new Promise((resolve) => setTimeout(resolve, 30))
    // A token bucket of 5 refilling 5/s would allow a 6th here, and up to 10 in one second.
    expect(granted).toBe(false)
    now += 850 // the first call has left the window (1 s and a 50 ms margin)
    await next
    expect(budget.taken).toBe(6)
  })

  it('spaces calls below one per second over a longer window', async () => {
    let now = 0
    const budget = new CallBudget(0.5, () => now)
    await budget.take()
    let granted = false
    const next = budget.take().then(() => (granted = true))
    now += 1_500
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(granted).toBe(false)
    now += 550
    await next
    expect(budget.taken).toBe(2)
  })
})
