import {describe, expect, it} from 'vitest'

import {followJob, type FollowEvent} from '../../src/jobs/follow.js'
import type {LogLine} from '../../src/jobs/log-follow.js'
import {submitOnce} from '../../src/jobs/submit.js'
import {liveTailSessions} from '../../src/local/services/logs/live-tail.js'
import type {LogsState} from '../../src/local/services/logs/state.js'
import {jobsFixture} from './fixture.js'

// AWS: StartLiveTail (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html)
// streams new events of the prefixes asked for; FilterLogEvents
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html)
// takes at most 100 stream names per call.

const EXTRA = 4
const expected = ['Starting simulated container (batchctl emulator)', ...Array.from({length: EXTRA}, (_, i) => `Line ${i + 1} of ${EXTRA}`), 'Exiting with 0']

/** Follows a 60-child array whose children start in waves (8 vCPUs) and run a while; returns the lines and the emulator's call counts. */
async function followArray(liveTail: boolean) {
  const {jobs, logs, emulator} = await jobsFixture({speed: 100, maxvCpus: 8})
  const submitted = await submitOnce(jobs, {
    jobName: liveTail ? 'live' : 'polled',
    jobQueue: 'q',
    jobDefinition: 'def',
    arrayProperties: {size: 60},
    containerOverrides: {
      environment: [
        {name: 'BATCHCTL_SIM_LOG_LINES', value: String(EXTRA)},
        {name: 'BATCHCTL_SIM_DURATION_MS', value: '90000'},
      ],
    },
  })
  const events: FollowEvent[] = []
  const final = await followJob(jobs, logs, submitted.jobId, (event) => events.push(event), {
    withLogs: true,
    follow: true,
    liveTail,
    pollMinMs: 100,
    pollMaxMs: 300,
    logsTps: 100,
    batchTps: 100,
    log: {settleMs: 300},
  })
  expect(final.status).toBe('SUCCEEDED')
  const lines = events.filter((e): e is {type: 'log'; line: LogLine} => e.type === 'log').map((e) => e.line)
  return {
    lines,
    warnings: events.filter((e) => e.type === 'warning'),
    filterCalls: emulator.calls.count('logs', 'FilterLogEvents'),
    liveTailCalls: emulator.calls.count('logs', 'StartLiveTail'),
    emulator,
  }
}

function expectEveryLineOnceInOrder(lines: LogLine[]): void {
  const byChild = new Map<string, string[]>()
  for (const line of lines) byChild.set(line.stream.label, [...(byChild.get(line.stream.label) ?? []), line.message])
  expect(byChild.size).toBe(60)
  for (const messages of byChild.values()) {
    expect(messages[0]).toBe(expected[0])
    expect(messages.slice(2)).toEqual(expected.slice(1))
    expect(messages).toHaveLength(expected.length + 1)
  }
}

describe('followJob with Live Tail', () => {
  it('prints every line of children that start at different times exactly once, in order, with far fewer FilterLogEvents calls than polling', async () => {
    const live = await followArray(true)
    const polled = await followArray(false)
    expectEveryLineOnceInOrder(live.lines)
    expectEveryLineOnceInOrder(polled.lines)
    expect(live.warnings).toEqual([])
    expect(live.liveTailCalls).toBeGreaterThanOrEqual(1)
    expect(polled.liveTailCalls).toBe(0)
    // Exit lines are written while the children are covered: they came through Live Tail.
    expect(live.lines.filter((l) => l.message.startsWith('Exiting') && l.eventId.startsWith('live-')).length).toBeGreaterThan(0)
    // Covered streams are read twice in their lives instead of every round.
    expect(live.filterCalls * 2).toBeLessThan(polled.filterCalls)
    // The follow closed its session: nothing left open in the emulator.
    await waitFor(() => liveTailSessions(live.emulator.state<LogsState>('logs')).size === 0)
  }, 180_000)
})

describe('followJob interrupted', () => {
  it('closes its Live Tail session when aborted (Ctrl-C), so nothing keeps the process alive', async () => {
    const {jobs, logs, emulator} = await jobsFixture({speed: 20, maxvCpus: 8})
    const submitted = await submitOnce(jobs, {
      jobName: 'long',
      jobQueue: 'q',
      jobDefinition: 'def',
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_DURATION_MS', value: '3600000'}]},
    })
    const sessions = () => liveTailSessions(emulator.state<LogsState>('logs'))
    const controller = new AbortController()
    const following = followJob(jobs, logs, submitted.jobId, () => {}, {withLogs: true, follow: true, pollMinMs: 50, pollMaxMs: 100, signal: controller.signal})
    const outcome = following.then(
      () => 'finished',
      () => 'aborted',
    )
    await waitFor(() => sessions().size === 1)
    controller.abort(new Error('interrupted'))
    expect(await outcome).toBe('aborted')
    await waitFor(() => sessions().size === 0)
  }, 60_000)
})

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  expect(condition()).toBe(true)
}
