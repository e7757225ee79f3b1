import {describe, expect, it} from 'vitest'

import {smallEc2Project, withAppliedProject} from '../helpers/project.js'

describe('batchctl status (built CLI, piped)', () => {
  it('prints one JSON snapshot with --json and a plain table when piped, even with --watch; refuses an unknown --queue', async () => {
    const {cli} = await withAppliedProject({
      yaml: smallEc2Project({project: 'snap', extraQueues: ['spare'], environments: {dev: '{}'}}),
      emulator: {clock: {speed: 10}, services: {batch: {transitionMs: 0}}},
      applyArgs: ['--env', 'dev'],
      prefix: 'batchctl-status-',
    })
    const submitted = await cli(['submit', 'align', '--env', 'dev', '--array-size', '2', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000'])
    expect(submitted.code, submitted.stderr).toBe(0)
    const jobId = submitted.stdout.trim()

    const json = await cli(['status', '--env', 'dev', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const snapshot = JSON.parse(json.stdout) as {takenAt: number; calls: number; queues: Array<{key: string; name: string; counts: Record<string, number>}>}
    expect(snapshot.queues.map((q) => [q.key, q.name])).toEqual([
      ['default', 'snap-dev-default'],
      ['spare', 'snap-dev-spare'],
    ])
    // First read: 7 ListJobs per queue (every status once), 2 queues.
    expect(snapshot.calls).toBe(14)
    expect(snapshot.queues[0]!.counts.SUBMITTED! + snapshot.queues[0]!.counts.PENDING!).toBe(1)

    const text = await cli(['status', '--env', 'dev', '--queue', 'default', '--watch'])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout.split('\n')[0]).toBe('queue default (snap-dev-default)')
    expect(text.stdout).not.toContain('spare')
    expect(text.stdout).toMatch(/SUBMITTED \d+ {2}PENDING \d+/)
    // No cursor movement or Ink frames when piped.
    expect(text.stdout).not.toContain('\u001B[')
    // The array parent stays PENDING while its children run: it is listed as under way.
    expect(text.stdout).toContain(`align  ${jobId.slice(0, 8)}  PENDING`)

    const wrong = await cli(['status', '--queue', 'defualt'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('no job queue defualt in batch.yaml')
    expect(wrong.stderr).toContain('did you mean default?')
  }, 240_000)
})
