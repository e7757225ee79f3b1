import {describe, expect, it} from 'vitest'

import {liveTailSessions} from '../../src/local/services/logs/live-tail.js'
import type {LogsState} from '../../src/local/services/logs/state.js'
import {cliProject} from '../commands/submit-helpers.js'

// AWS: StartLiveTail — "You can end a session before it times out by closing the session stream
// or by closing the client that is receiving the stream." (API reference,
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html)

const childLines = ['Starting simulated container (batchctl emulator)', 'echo hello v2', 'Line 1 of 2', 'Line 2 of 2', 'Exiting with 0']

/** stdout lines by their `[index]` prefix. */
function byChild(stdout: string): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const line of stdout.split('\n').filter(Boolean)) {
    const match = /^(\[\d+\]) (.*)$/.exec(line)
    if (match) groups.set(match[1]!, [...(groups.get(match[1]!) ?? []), match[2]!])
  }
  return groups
}

describe('batchctl logs --follow with Live Tail (CLI against the emulator)', () => {
  it('prints every line once through a Live Tail session, exits once the job is done, and leaves no session open', async () => {
    const {cli, emulator} = await cliProject({speed: 50, maxvCpus: 4})
    const submitted = await cli(['submit', 'align', '--array-size', '8', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2', '--set-env', 'BATCHCTL_SIM_DURATION_MS=60000'])
    expect(submitted.code).toBe(0)
    const jobId = submitted.stdout.trim()
    // The process must end on its own once the job finished: a dangling Live Tail socket would keep it alive until the kill.
    const result = await cli(['logs', jobId, '--follow'], 120_000)
    expect(result.stderr).not.toMatch(/warning/)
    expect(result.code).toBe(0)
    const groups = byChild(result.stdout)
    expect(groups.size).toBe(8)
    for (const lines of groups.values()) expect(lines).toEqual(childLines)
    expect(emulator.calls.count('logs', 'StartLiveTail')).toBeGreaterThanOrEqual(1)
    expect(liveTailSessions(emulator.state<LogsState>('logs')).size).toBe(0)
  }, 180_000)

  it('--no-live-tail follows with FilterLogEvents only', async () => {
    const {cli, emulator} = await cliProject({speed: 50, maxvCpus: 4})
    const submitted = await cli(['submit', 'align', '--array-size', '2', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2', '--set-env', 'BATCHCTL_SIM_DURATION_MS=20000'])
    const jobId = submitted.stdout.trim()
    const result = await cli(['logs', jobId, '--follow', '--no-live-tail'], 120_000)
    expect(result.code).toBe(0)
    const groups = byChild(result.stdout)
    expect([...groups.keys()].sort()).toEqual(['[0]', '[1]'])
    for (const lines of groups.values()) expect(lines).toEqual(childLines)
    expect(emulator.calls.count('logs', 'StartLiveTail')).toBe(0)
  }, 180_000)
})
