import {afterEach, describe, expect, it} from 'vitest'

import {binPath} from '../helpers/cli.js'
import {smallEc2Project, withAppliedProject} from '../helpers/project.js'
import {startTmux, type TmuxSession} from '../helpers/tmux.js'

// A user's shell: no CI (Ink would print frames instead of redrawing), no colour overrides.
const userEnv = {CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_ENV: 'production'}

let session: TmuxSession | undefined
afterEach(async () => {
  await session?.kill()
  session = undefined
})

describe('batchctl status --watch in a real terminal', () => {
  it('shows the queue with running and failed jobs, opens a job’s logs with Enter, goes back with Esc and quits with q', async () => {
    // Virtual time at 10× real time: a 10-minute child runs for a minute, a 2 s job fails at once.
    const {emulator, dir, env, cli} = await withAppliedProject({
      yaml: smallEc2Project({project: 'dash'}),
      emulator: {clock: {speed: 10}, services: {batch: {transitionMs: 0}}},
      prefix: 'batchctl-status-tui-',
    })
    const long = await cli(['submit', 'align', '--array-size', '3', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2'])
    expect(long.code, long.stderr).toBe(0)
    const arrayId = long.stdout.trim()
    const bad = await cli(['submit', 'align', '--name', 'broken', '--set-env', 'BATCHCTL_SIM_EXIT_CODE=3'])
    expect(bad.code, bad.stderr).toBe(0)

    const mark = emulator.calls.all().length
    session = await startTmux([process.execPath, binPath, 'status', '--watch', '--local'], {columns: 100, rows: 30, cwd: dir, env: {...userEnv, ...env}})
    // The array's children run (the parent stays PENDING) and the failure shows with its exit code.
    const screen = await session.waitForText(/exit 3/, {timeoutMs: 60_000})
    expect(screen).toMatch(/refreshed \d+s ago/)
    expect(screen).toContain('default (dash-default)')
    expect(screen).toMatch(/PENDING 1 .*FAILED 1/)
    expect(screen).toMatch(new RegExp(`› +align {2}${arrayId.slice(0, 8)} {2}PENDING .*0/3 done · RUNNING 3`))
    expect(screen).toMatch(/broken {2}\w{8} .*exit 3/)
    // The list costs only ListJobs of the project's queue: no DescribeJobs per job or per array.
    const listCalls = emulator.calls.all().slice(mark).filter((call) => call.service === 'batch')
    expect(listCalls.length).toBeGreaterThan(0)
    for (const call of listCalls) expect({operation: call.operation, queue: (call.input as {jobQueue?: string}).jobQueue}).toEqual({operation: 'ListJobs', queue: 'dash-default'})

    // Enter: the array's recent log lines, each child with its prefix.
    await session.sendKeys('Enter')
    const logs = await session.waitForText(/\[2\] Line 2 of 2/, {timeoutMs: 30_000})
    expect(logs).toContain(`logs of align (${arrayId})`)
    expect(logs).toMatch(/\[0\] echo aligned/)
    expect(logs).not.toContain('recent failures')

    // Esc: back to the list; Down selects the failure; q ends with status 0.
    await session.sendKeys('Escape')
    await session.waitForText('recent failures', {timeoutMs: 10_000})
    await session.sendKeys('Down')
    await session.waitForText(/› +broken/, {timeoutMs: 10_000})
    await session.type('q')
    expect(await session.waitForExit(15_000)).toBe(0)
  }, 240_000)
})
