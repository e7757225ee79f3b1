import {BatchClient, DescribeJobsCommand, ListJobsCommand} from '@aws-sdk/client-batch'
import {afterEach, describe, expect, it} from 'vitest'

import {binPath} from '../helpers/cli.js'
import {type LocalProject, smallEc2Project, withAppliedProject} from '../helpers/project.js'
import {startTmux, type TmuxSession} from '../helpers/tmux.js'

// `batchctl submit --follow` in a real terminal (tmux, 120×40): the live view draws log lines
// once above a redrawn status area (job status, progress bar, counts by status, failures).
// The piped rendering of the same command is covered in test/commands/submit-applied.test.ts
// and test/contracts/json-output.test.ts (--json).

// A user's shell: no CI (Ink would print frames instead of redrawing), no colour overrides.
const userEnv = {CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_ENV: 'production'}

let session: TmuxSession | undefined
afterEach(async () => {
  await session?.kill()
  session = undefined
})

/** The applied small EC2 project (16 vCPUs, job `align` of 1 vCPU) on an emulator at 10× real time. */
function applied(): Promise<LocalProject> {
  return withAppliedProject({
    yaml: smallEc2Project({project: 'follow'}),
    emulator: {clock: {speed: 10}, services: {batch: {transitionMs: 0}}},
    prefix: 'batchctl-submit-follow-',
  })
}

/** Runs `batchctl submit align --follow` with `args` in a fresh 120×40 terminal. */
async function follow(project: LocalProject, args: string[]): Promise<TmuxSession> {
  session = await startTmux([process.execPath, binPath, 'submit', 'align', '--local', '--follow', ...args], {
    columns: 120,
    rows: 40,
    cwd: project.dir,
    env: {...userEnv, ...project.env},
  })
  return session
}

const ESC = '\u001B'

const lines = (screen: string): string[] => screen.split('\n').filter((line) => line.trim() !== '')

/** What a simulated child writes (src/local/services/batch/jobs/execution.ts), `Line n of 2` from BATCHCTL_SIM_LOG_LINES=2. */
const CHILD_LINE = /^\[(\d{1,2})\] (Starting simulated container \(batchctl emulator\)|echo aligned|Line [12] of 2|Exiting with \d)$/
const ORDER = ['Starting simulated container (batchctl emulator)', 'echo aligned', 'Line 1 of 2', 'Line 2 of 2']

/**
 * The log part of a screen: every line above the status area must be one a child wrote, with
 * its `[index]` prefix (a stray frame, a torn or merged line fails here), none twice, and each
 * child's lines in the order it wrote them.
 */
function expectLogLines(logPart: string[]): Map<number, string[]> {
  const byChild = new Map<number, string[]>()
  for (const line of logPart) {
    const match = CHILD_LINE.exec(line)
    expect(match, `not a child's log line: ${JSON.stringify(line)}`).not.toBeNull()
    const index = Number(match![1])
    byChild.set(index, [...(byChild.get(index) ?? []), match![2]!])
  }
  expect(new Set(logPart).size).toBe(logPart.length)
  for (const [index, messages] of byChild) {
    const positions = messages.map((message) => (message.startsWith('Exiting') ? ORDER.length : ORDER.indexOf(message)))
    expect(positions, `lines of child ${index}`).toEqual([...positions].sort((a, b) => a - b))
  }
  return byChild
}

/** The id of the one job named align (the submitted line may have scrolled away). */
async function alignJobId(project: LocalProject): Promise<string> {
  const batch = new BatchClient(project.config)
  const {jobSummaryList} = await batch.send(new ListJobsCommand({jobQueue: 'follow-default', filters: [{name: 'JOB_NAME', values: ['align']}]}))
  batch.destroy()
  expect(jobSummaryList).toHaveLength(1)
  return jobSummaryList![0]!.jobId!
}

/** `RUNNING 16  RUNNABLE 4` → {RUNNING: 16, RUNNABLE: 4}. */
function countsOf(line: string): Record<string, number> {
  return Object.fromEntries(line.split(/ {2}/).map((part) => [part.split(' ')[0]!, Number(part.split(' ')[1])]))
}

describe('batchctl submit --follow in a real terminal', () => {
  it('shows the progress bar, counts by status and prefixed log lines while an array of 20 runs, then the summary; exits 0', async () => {
    const project = await applied()
    // 100 virtual seconds = 10 s per child: 16 run at once (16 vCPUs), the other 4 after them.
    const tmux = await follow(project, ['--array-size', '20', '--set-env', 'BATCHCTL_SIM_DURATION_MS=100000', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2'])

    const running = lines(await tmux.waitForText(/^\[\d+\] Line 2 of 2$[\s\S]*^(?:[A-Z]+ \d+ {2})*RUNNING \d+/m, {timeoutMs: 60_000}))
    // The status area: the array parent stays PENDING while its children run, with a spinner.
    const statusAt = running.findIndex((line) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] align PENDING {2}\d+s$/.test(line))
    expect(statusAt, running.join('\n')).toBeGreaterThan(0)
    const jobId = await alignJobId(project)
    const bar = /^(█*)(░*) (\d+)\/20$/.exec(running[statusAt + 1]!)
    expect(bar, running[statusAt + 1]).not.toBeNull()
    expect(bar![1]!.length + bar![2]!.length).toBe(30)
    const counts = countsOf(running[statusAt + 2]!)
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(20)
    expect(counts.RUNNING).toBeGreaterThan(0)
    expect(counts.RUNNING).toBeLessThanOrEqual(16)
    // The bar counts finished children: green for SUCCEEDED (none can fail here).
    expect(Number(bar![3])).toBe(counts.SUCCEEDED ?? 0)
    expect(bar![1]!.length).toBe(Math.round(((counts.SUCCEEDED ?? 0) / 20) * 30))
    expect(running.slice(statusAt + 3)).toEqual([])
    // Above it only log lines (and, until they scroll away, the job id and the submitted line).
    const head = running.slice(0, statusAt).filter((line) => line !== jobId && !line.startsWith('submitted align (array of 20) to follow-default as '))
    expect(expectLogLines(head).size).toBeGreaterThan(0)

    expect(await tmux.waitForExit(120_000)).toBe(0)
    const final = lines(await tmux.capture())
    // The summary replaces the status area: a tick, the job's name, a full bar, the counts.
    expect(final.slice(-3)).toEqual([expect.stringMatching(/^✓ align SUCCEEDED {2}\d+s$/), `${'█'.repeat(30)} 20/20`, 'SUCCEEDED 20'])
    const logPart = final.slice(0, -3).filter((line) => line !== jobId && !line.startsWith('submitted align'))
    const byChild = expectLogLines(logPart)
    // The last lines written are children's exit lines, all shown (nothing lost at the end).
    expect([...byChild.values()].filter((messages) => messages.at(-1) === 'Exiting with 0').length).toBeGreaterThanOrEqual(4)
    expect(final.join('\n')).not.toContain('PENDING')
  }, 240_000)

  it('a failing child: its failure and reason under the counts, the job FAILED on stderr, exit 1', async () => {
    const project = await applied()
    // 4 children fit the screen with all their lines; child 2 exits 1.
    const tmux = await follow(project, ['--array-size', '4', '--set-env', 'BATCHCTL_SIM_DURATION_MS=20000', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2', '--set-env', 'BATCHCTL_SIM_FAIL_INDEXES=2'])
    expect(await tmux.waitForExit(120_000)).toBe(1)
    const screen = lines(await tmux.capture())
    const jobId = screen[0]!
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/)
    expect(screen[1]).toBe(`submitted align (array of 4) to follow-default as ${jobId}`)
    // A non-zero exit code fails the attempt (https://docs.aws.amazon.com/batch/latest/userguide/job_states.html);
    // the container's reason is the one ECS gives a stopped task whose essential container exited
    // (AttemptContainerDetail.reason, https://docs.aws.amazon.com/batch/latest/APIReference/API_AttemptContainerDetail.html).
    expect(screen.slice(-5)).toEqual([
      expect.stringMatching(/^✗ align FAILED {2}\d+s$/),
      `${'█'.repeat(30)} 4/4`,
      'FAILED 1  SUCCEEDED 3',
      '✗ [2] failed (exit 1): Essential container in task exited',
      `job align (${jobId}) FAILED`,
    ])
    const byChild = expectLogLines(screen.slice(2, -5))
    expect([...byChild.keys()].sort()).toEqual([0, 1, 2, 3])
    for (const index of [0, 1, 3]) expect(byChild.get(index)).toEqual([...ORDER, 'Exiting with 0'])
    expect(byChild.get(2)).toEqual([...ORDER, 'Exiting with 1'])

    // Colours on a terminal: the failure line red, the failed share of the bar red after the green.
    const coloured = (await tmux.capture({escapes: true})).split('\n')
    expect(coloured).toContain(`${ESC}[31m✗ [2] failed (exit 1): Essential container in task exited`)
    expect(coloured).toContain(`${ESC}[32m${'█'.repeat(23)}${ESC}[31m${'█'.repeat(7)}${ESC}[39m 4/4`)
  }, 240_000)

  it('writes a log line wider than the terminal whole, for the terminal to wrap (Ink would break it at a word)', async () => {
    const project = await applied()
    // 20 words of 7 letters: the terminal's 120th column falls inside a word.
    const long = Array.from({length: 20}, (_, i) => `word${String(i).padStart(3, '0')}`).join(' ')
    const tmux = await follow(project, ['--array-size', '2', '--set-env', 'BATCHCTL_SIM_DURATION_MS=1000', '--set-env', `BATCHCTL_SIM_LOG_LINES=${long}`])
    expect(await tmux.waitForExit(120_000)).toBe(0)
    const screen = (await tmux.capture()).split('\n')
    for (const label of ['[0]', '[1]']) {
      const at = screen.findIndex((row) => row.startsWith(`${label} word000 `))
      expect(at, screen.join('\n')).toBeGreaterThanOrEqual(0)
      // A full first row, the rest on the next: the terminal's wrap, not a newline before the word.
      expect(screen[at]).toHaveLength(120)
      expect(screen[at]! + screen[at + 1]!).toBe(`${label} ${long}`)
    }
  }, 240_000)

  // Found by this test: a `process.once` SIGINT listener removes itself before it runs, so Ink's
  // signal-exit listener found itself the only one left and re-raised the signal (exit 130,
  // nothing printed). The commands listen with `process.on` and remove it in `finally`.
  it('Ctrl-C stops following, says the job keeps running and how to follow it again, exit 1; the job runs on', async () => {
    const project = await applied()
    const tmux = await follow(project, ['--array-size', '20', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2'])
    const running = await tmux.waitForText(/^\[\d+\] Line 2 of 2$[\s\S]*^(?:[A-Z]+ \d+ {2})*RUNNING \d+/m, {timeoutMs: 60_000})
    expect(running).toMatch(/^. align PENDING/m)
    const jobId = await alignJobId(project)
    await tmux.sendKeys('C-c')
    expect(await tmux.waitForExit(30_000)).toBe(1)
    const screen = await tmux.capture()
    expect(screen).toContain(`interrupted while waiting for ${jobId}; the job keeps running`)
    expect(screen).toContain(`batchctl logs ${jobId} --follow`)
    // Without --cancel-on-exit nothing is terminated, and the children still run.
    expect(project.emulator.calls.find('batch', 'TerminateJob')).toEqual([])
    const batch = new BatchClient(project.config)
    const {jobs} = await batch.send(new DescribeJobsCommand({jobs: [jobId]}))
    batch.destroy()
    expect(jobs?.[0]?.status).toBe('PENDING')
    expect(jobs?.[0]?.arrayProperties?.statusSummary?.RUNNING).toBeGreaterThan(0)
  }, 240_000)
})
