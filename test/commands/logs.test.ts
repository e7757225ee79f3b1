import {describe, expect, it} from 'vitest'

import {cliProject} from './submit-helpers.js'

/** stdout lines grouped by their `[index]` / `node N` prefix. */
function byLabel(stdout: string): Map<string, string[]> {
  const groups = new Map<string, string[]>()
  for (const line of stdout.split('\n').filter(Boolean)) {
    const match = /^((?:\[\d+\]|node \d+)(?: #\d+)?|#\d+) (.*)$/.exec(line)
    const key = match ? match[1]! : ''
    groups.set(key, [...(groups.get(key) ?? []), match ? match[2]! : line])
  }
  return groups
}

const childLines = (extra: number): string[] => [
  'Starting simulated container (batchctl emulator)',
  'echo hello v2',
  ...Array.from({length: extra}, (_, i) => `Line ${i + 1} of ${extra}`),
  'Exiting with 0',
]

describe('batchctl submit --follow / logs (CLI against the emulator)', () => {
  it('follows a 1,000-child array whose children start at different times: every line once, in order per child', async () => {
    // 64 vCPUs for 1,000 one-vCPU children: they run in waves.
    const {cli, emulator} = await cliProject({speed: 50, maxvCpus: 64})
    const result = await cli(['submit', 'align', '--array-size', '1000', '--follow', '--set-env', 'BATCHCTL_SIM_LOG_LINES=2'], 180_000)
    expect(result.stderr).toMatch(/SUCCEEDED/)
    expect(result.code).toBe(0)
    const [jobId, ...rest] = result.stdout.split('\n')
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/)
    const groups = byLabel(rest.join('\n'))
    expect(groups.size).toBe(1000)
    for (let i = 0; i < 1000; i++) expect(groups.get(`[${i}]`)).toEqual(childLines(2))
    expect(emulator.calls.count('logs', 'GetLogEvents')).toBe(0)
    // Progress (counts) went to stderr, not into the data.
    expect(result.stderr).toMatch(/\[#{20}\] 1000\/1000 · SUCCEEDED 1000/)
  }, 200_000)

  it('prints a finished job’s lines once more on demand: one child, timestamps, JSON', async () => {
    const {cli} = await cliProject({speed: 50})
    const submitted = await cli(['submit', 'align', '--array-size', '3', '--wait', '--set-env', 'BATCHCTL_SIM_LOG_LINES=1'])
    const jobId = submitted.stdout.trim()
    const all = await cli(['logs', jobId])
    expect(all.code).toBe(0)
    const groups = byLabel(all.stdout)
    expect([...groups.keys()].sort()).toEqual(['[0]', '[1]', '[2]'])
    for (const lines of groups.values()) expect(lines).toEqual(childLines(1))

    const one = await cli(['logs', jobId, '--index', '1', '--timestamps'])
    const lines = one.stdout.trim().split('\n')
    expect(lines).toHaveLength(4)
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[1\] /)

    const json = await cli(['logs', jobId, '--json', '--filter', 'Exiting'])
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(events).toHaveLength(3)
    expect(events.map((e) => e.jobId).sort()).toEqual([0, 1, 2].map((i) => `${jobId}:${i}`))
    for (const event of events) expect(event).toMatchObject({type: 'log', message: 'Exiting with 0', attempt: 1})
  }, 120_000)

  it('reads every attempt of a retried job, labelled, and one attempt with --attempt', async () => {
    const {cli} = await cliProject({speed: 50})
    // The first attempt exits 1, the second 0 (emulator: BATCHCTL_SIM_EXIT_CODE takes one code per attempt).
    const submitted = await cli(['submit', 'align', '--retry', '2', '--wait', '--set-env', 'BATCHCTL_SIM_EXIT_CODE=1,0'])
    expect(submitted.code).toBe(0)
    const jobId = submitted.stdout.trim()
    const all = await cli(['logs', jobId])
    const groups = byLabel(all.stdout)
    expect(groups.get('')?.filter((l) => l.startsWith('Exiting'))).toEqual(['Exiting with 1'])
    expect(groups.get('#2')?.at(-1)).toBe('Exiting with 0')
    const second = await cli(['logs', jobId, '--attempt', '2'])
    expect(second.stdout).not.toContain('Exiting with 1')
    expect(second.stdout).toContain('#2 Exiting with 0')
  }, 120_000)

  it('follows a multi-node job: lines of each node, prefixed', async () => {
    const {cli} = await cliProject({speed: 50})
    const result = await cli(['submit', 'mnp', '--follow', '--nodes', '2'], 120_000)
    expect(result.code).toBe(0)
    const groups = byLabel(result.stdout.split('\n').slice(1).join('\n'))
    expect([...groups.keys()].sort()).toEqual(['node 0', 'node 1'])
    // The job ends when the main node (0) exits; the emulator then stops the other nodes, as AWS does.
    expect(groups.get('node 0')).toEqual(['Starting simulated container (batchctl emulator)', 'train', 'Exiting with 0'])
    expect(groups.get('node 1')?.slice(0, 2)).toEqual(['Starting simulated container (batchctl emulator)', 'train'])
  }, 120_000)

  it('loses no line when FilterLogEvents and DescribeJobs are throttled during a follow', async () => {
    const {cli, emulator} = await cliProject({
      speed: 50,
      faults: {
        seed: 5,
        rules: [
          {service: 'logs', operation: 'FilterLogEvents', throttleRate: 0.5},
          {service: 'batch', operation: 'DescribeJobs', throttleRate: 0.3},
        ],
      },
    })
    const result = await cli(['submit', 'align', '--array-size', '50', '--follow', '--set-env', 'BATCHCTL_SIM_LOG_LINES=3'], 120_000)
    expect(result.code).toBe(0)
    expect(emulator.calls.all().filter((c) => c.injected && c.operation === 'FilterLogEvents').length).toBeGreaterThan(0)
    const groups = byLabel(result.stdout.split('\n').slice(1).join('\n'))
    expect(groups.size).toBe(50)
    for (const lines of groups.values()) expect(lines).toEqual(childLines(3))
  }, 120_000)

  it('--follow --json prints NDJSON: submitted, events, log lines, result', async () => {
    const {cli} = await cliProject({speed: 50})
    const result = await cli(['submit', 'align', '--follow', '--json', '--set-env', 'BATCHCTL_SIM_EXIT_CODE=2'])
    expect(result.code).toBe(1)
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(events[0]).toMatchObject({type: 'submitted', jobName: 'align'})
    expect(events.filter((e) => e.type === 'log').map((e) => e.message).at(-1)).toBe('Exiting with 2')
    expect(events.find((e) => e.type === 'done')).toMatchObject({status: 'FAILED'})
    expect(events.at(-1)).toMatchObject({type: 'result', status: 'FAILED'})
  }, 120_000)
})
