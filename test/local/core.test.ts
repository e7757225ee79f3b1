import {GetCallerIdentityCommand, STSClient, STSServiceException} from '@aws-sdk/client-sts'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {Clock} from '../../src/local/clock.js'
import {startEmulator} from '../helpers/emulator.js'

describe('emulator core', () => {
  it('serves STS GetCallerIdentity over the query protocol to the real SDK client', async () => {
    const {emulator, config} = await startEmulator({accountId: '111122223333'})
    const sts = new STSClient(config)
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toBe('111122223333')
    expect(identity.Arn).toBe('arn:aws:iam::111122223333:user/batchctl-local')
    expect(emulator.calls.find('sts', 'GetCallerIdentity')).toMatchObject([{status: 200, region: 'us-east-1'}])
  })

  it('rejects unsigned requests as AWS does (403 MissingAuthenticationTokenException)', async () => {
    const {emulator} = await startEmulator()
    const response = await fetch(`${emulator.url}/v1/describecomputeenvironments`, {method: 'POST', body: '{}'})
    expect(response.status).toBe(403)
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException')
  })

  it('recovers through the SDK\'s own retries from injected throttling, and logs each attempt', async () => {
    const {emulator, config} = await startEmulator({faults: {seed: 7, rules: [{service: 'sts', throttleRate: 0.5}]}})
    const sts = new STSClient({...config, maxAttempts: 10})
    for (let i = 0; i < 5; i++) await sts.send(new GetCallerIdentityCommand({}))
    const calls = emulator.calls.find('sts')
    const throttled = calls.filter((call) => call.error === 'Throttling')
    expect(throttled.length).toBeGreaterThan(0)
    expect(throttled.every((call) => call.injected && call.status === 400)).toBe(true)
    expect(calls.filter((call) => call.status === 200)).toHaveLength(5)
  })

  it('surfaces injected server errors as typed SDK errors once retries run out', async () => {
    const {config} = await startEmulator({faults: {rules: [{errorRate: 1}]}})
    const sts = new STSClient({...config, maxAttempts: 2})
    const error = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(STSServiceException)
    expect((error as STSServiceException).$metadata.httpStatusCode).toBe(500)
    expect((error as STSServiceException).$metadata.attempts).toBe(2)
  })

  it('saves its state to a file and loads it at the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'batchctl-state-')), 'state.json')
    const {emulator} = await startEmulator({stateFile: file})
    emulator.state('sts')
    await emulator.stop()
    const {emulator: second} = await startEmulator({stateFile: file})
    expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})

describe('virtual clock', () => {
  it('fires timers in due order when time is advanced, and not before', () => {
    const clock = new Clock(1, 1_000_000)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b'), 2_000)
    clock.setTimeout(() => fired.push('a'), 1_000)
    const cancelled = clock.setTimeout(() => fired.push('never'), 1_500)
    clock.clearTimeout(cancelled)
    clock.advance(500)
    expect(fired).toEqual([])
    clock.advance(2_000)
    expect(fired).toEqual(['a', 'b'])
    expect(clock.pending).toBe(0)
    clock.stop()
  })

  it('runs faster than real time with a speed factor', async () => {
    const clock = new Clock(1000)
    const fired = new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 60_000))
    // 60 virtual seconds at 1000x take about 60 real milliseconds.
    const start = clock.now()
    const at = await fired
    expect(at - start).toBeGreaterThanOrEqual(60_000)
    clock.stop()
  })
})
