import {describe, expect, it} from 'vitest'

import {followJob, type FollowEvent} from '../../src/jobs/follow.js'
import type {LogLine} from '../../src/jobs/log-follow.js'
import {submitOnce} from '../../src/jobs/submit.js'
import {jobsFixture} from './fixture.js'

/** Lines per child: the start banner, the command, N extra lines, the exit line (jobs/execution.ts in the emulator). */
const linesPerChild = (extra: number): number => extra + 3

describe('followJob', () => {
  it('prints every line of every child of a 1,000-child array exactly once, in order per stream', async () => {
    // 64 vCPUs for 1,000 one-vCPU children: they start in waves, at different times.
    const {jobs, logs, emulator} = await jobsFixture({speed: 100, maxvCpus: 64})
    const submitted = await submitOnce(jobs, {
      jobName: 'big',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 1000},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_LOG_LINES', value: '3'}]},
    })
    const events: FollowEvent[] = []
    const final = await followJob(jobs, logs, submitted.jobId, (event) => events.push(event), {
      withLogs: true,
      follow: true,
      pollMinMs: 100,
      pollMaxMs: 400,
      log: {settleMs: 200},
    })
    expect(final.status).toBe('SUCCEEDED')
    const lines = events.filter((e): e is {type: 'log'; line: LogLine} => e.type === 'log').map((e) => e.line)
    expect(lines).toHaveLength(1000 * linesPerChild(3))
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(lines.length)
    const byChild = new Map<string, string[]>()
    for (const line of lines) byChild.set(line.stream.label, [...(byChild.get(line.stream.label) ?? []), line.message])
    expect(byChild.size).toBe(1000)
    for (const messages of byChild.values()) {
      expect(messages[0]).toBe('Starting simulated container (batchctl emulator)')
      expect(messages.slice(2)).toEqual(['Line 1 of 3', 'Line 2 of 3', 'Line 3 of 3', 'Exiting with 0'])
    }
    // Streams come from DescribeJobs, at most 100 per call; never GetLogEvents.
    expect(emulator.calls.count('logs', 'GetLogEvents')).toBe(0)
    for (const call of emulator.calls.find('logs', 'FilterLogEvents')) {
      expect((call.input as {logStreamNames: string[]}).logStreamNames.length).toBeLessThanOrEqual(100)
    }
    for (const call of emulator.calls.find('batch', 'DescribeJobs')) expect((call.input as {jobs: string[]}).jobs.length).toBeLessThanOrEqual(100)
    expect(events.filter((e) => e.type === 'done')).toEqual([expect.objectContaining({status: 'SUCCEEDED'})])
    // The counts went through intermediate states before all 1,000 succeeded.
    const counts = events.filter((e) => e.type === 'counts')
    expect(counts.at(-1)).toMatchObject({counts: {SUCCEEDED: 1000, FAILED: 0}, total: 1000})
  }, 120_000)
})

describe('followJob under throttling', () => {
  it('loses no line and repeats none when reads are throttled beyond the SDK retries', async () => {
    // Clients retry once only, so many throttled reads reach the follower, which reads the same window again next round.
    const {jobs, logs, emulator} = await jobsFixture({
      speed: 100,
      maxvCpus: 8,
      maxAttempts: 2,
    })
    const submitted = await submitOnce(jobs, {
      jobName: 'thr',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 100},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_LOG_LINES', value: '5'}]},
    })
    emulator.faults.configure({
      seed: 3,
      rules: [
        {service: 'logs', operation: 'FilterLogEvents', throttleRate: 0.7},
        {service: 'batch', operation: 'DescribeJobs', throttleRate: 0.3},
        {service: 'batch', operation: 'ListJobs', throttleRate: 0.3},
      ],
    })
    const events: FollowEvent[] = []
    const final = await followJob(jobs, logs, submitted.jobId, (event) => events.push(event), {
      withLogs: true,
      follow: true,
      pollMinMs: 50,
      pollMaxMs: 200,
      logsTps: 50,
      batchTps: 50,
      maxFailures: 100,
      log: {settleMs: 100},
    })
    expect(final.status).toBe('SUCCEEDED')
    const injected = emulator.calls.all().filter((c) => c.injected && c.operation === 'FilterLogEvents')
    expect(injected.length).toBeGreaterThan(2)
    const lines = events.filter((e): e is {type: 'log'; line: LogLine} => e.type === 'log').map((e) => e.line)
    expect(lines).toHaveLength(100 * linesPerChild(5))
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(lines.length)
    const byChild = new Map<string, string[]>()
    for (const line of lines) byChild.set(line.stream.label, [...(byChild.get(line.stream.label) ?? []), line.message])
    for (const messages of byChild.values()) expect(messages.slice(2)).toEqual(['Line 1 of 5', 'Line 2 of 5', 'Line 3 of 5', 'Line 4 of 5', 'Line 5 of 5', 'Exiting with 0'])
  }, 120_000)
})

describe('followJob with retries', () => {
  it('attaches the stream of each new attempt of array children and prints both attempts once', async () => {
    const {jobs, logs} = await jobsFixture({speed: 20, maxvCpus: 8})
    const submitted = await submitOnce(jobs, {
      jobName: 'retry',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 4},
      retryStrategy: {attempts: 2},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_EXIT_CODE', value: '1,0'}, {name: 'BATCHCTL_SIM_DURATION_MS', value: '20000'}]},
    })
    const events: FollowEvent[] = []
    const final = await followJob(jobs, logs, submitted.jobId, (event) => events.push(event), {withLogs: true, follow: true, pollMinMs: 100, pollMaxMs: 200, log: {settleMs: 200}})
    expect(final.status).toBe('SUCCEEDED')
    const lines = events.filter((e): e is {type: 'log'; line: LogLine} => e.type === 'log').map((e) => e.line)
    for (let i = 0; i < 4; i++) {
      expect(lines.filter((l) => l.stream.label === `[${i}]`).map((l) => l.message).at(-1)).toBe('Exiting with 1')
      expect(lines.filter((l) => l.stream.label === `[${i}] #2`).map((l) => l.message).at(-1)).toBe('Exiting with 0')
    }
    expect(lines).toHaveLength(4 * 2 * linesPerChild(0))
  }, 120_000)
})

describe('followJob without follow', () => {
  it('reads a finished array once, reading again the streams whose read was throttled', async () => {
    const {jobs, logs, emulator} = await jobsFixture({speed: 100, maxvCpus: 64, maxAttempts: 1})
    const submitted = await submitOnce(jobs, {
      jobName: 'done',
      jobQueue: 'q',
      jobDefinition: 'def',
      arrayProperties: {size: 300},
      containerOverrides: {environment: [{name: 'BATCHCTL_SIM_LOG_LINES', value: '1'}]},
    })
    await followJob(jobs, undefined, submitted.jobId, () => {}, {withLogs: false, follow: true, pollMinMs: 100})
    emulator.faults.configure({seed: 9, rules: [{service: 'logs', operation: 'FilterLogEvents', throttleRate: 0.5}]})
    const events: FollowEvent[] = []
    await followJob(jobs, logs, submitted.jobId, (event) => events.push(event), {withLogs: true, follow: false})
    expect(emulator.calls.all().filter((c) => c.injected).length).toBeGreaterThan(0)
    const lines = events.filter((e): e is {type: 'log'; line: LogLine} => e.type === 'log').map((e) => e.line)
    expect(lines).toHaveLength(300 * linesPerChild(1))
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(lines.length)
    expect(events.filter((e) => e.type === 'warning')).toEqual([])
  }, 120_000)
})
