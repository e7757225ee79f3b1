import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {hostname, tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {runApplyFlow} from '../../src/cli/apply-flow.js'
import {UserError} from '../../src/errors.js'
import {plan} from '../../src/plan/index.js'
import {withApplyLock} from '../../src/services/apply-lock.js'

/** A project folder holding `.batchctl/apply-<name>.lock` written as another process would. */
function projectWithLock(name: string, holder: {pid: number; host: string; expiresAt: number}): {dir: string; lockFile: string} {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-lock-'))
  mkdirSync(join(dir, '.batchctl'))
  const lockFile = join(dir, '.batchctl', `apply-${name}.lock`)
  writeFileSync(lockFile, JSON.stringify({...holder, startedAt: new Date().toISOString()}))
  return {dir, lockFile}
}

/** The pid of a process that has already exited (spawnSync waits for it). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid
}

/** An apply with nothing to do: the desired model and AWS are both empty. */
const emptyPlan = (env?: string) => plan({project: 'genomics', ...(env ? {env} : {}), resources: []}, {resources: []})

const flow = (projectDir: string, env?: string) =>
  runApplyFlow({plan: emptyPlan(env), adapters: [], region: 'us-east-1', projectDir, autoApprove: true, json: true, verb: 'apply'})

describe('apply lock for an apply with nothing to do', () => {
  it('refuses while another apply holds a live lock, and leaves that lock alone', async () => {
    // Held by this (live) test process: exactly what a running apply on this machine looks like.
    const {dir, lockFile} = projectWithLock('genomics', {pid: process.pid, host: hostname(), expiresAt: Date.now() + 600_000})
    const before = readFileSync(lockFile, 'utf8')
    const refused = await flow(dir).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(refused).toBeInstanceOf(UserError)
    expect(refused).toMatchObject({code: 'apply-locked'})
    expect((refused as Error).message).toContain(`pid ${process.pid}`)
    expect(readFileSync(lockFile, 'utf8')).toBe(before)
  })

  it('refuses on a live lock from another host (its pid cannot be checked here) until it expires', async () => {
    const {dir} = projectWithLock('genomics', {pid: 1, host: `not-${hostname()}`, expiresAt: Date.now() + 600_000})
    await expect(flow(dir)).rejects.toMatchObject({code: 'apply-locked'})
  })

  it('clears a lock left by a dead process and reports no changes', async () => {
    const {dir, lockFile} = projectWithLock('genomics', {pid: deadPid(), host: hostname(), expiresAt: Date.now() + 600_000})
    const result = await flow(dir)
    expect(result.plan.changes).toEqual([])
    expect(result.result).toBeUndefined()
    expect(existsSync(lockFile)).toBe(false)
  })

  it('clears an expired lock, and one left unreadable by a crash mid-write', async () => {
    const expired = projectWithLock('genomics', {pid: 1, host: `not-${hostname()}`, expiresAt: Date.now() - 1000})
    await flow(expired.dir)
    expect(existsSync(expired.lockFile)).toBe(false)

    const torn = projectWithLock('genomics', {pid: 1, host: hostname(), expiresAt: 0})
    writeFileSync(torn.lockFile, '{"pid": 12')
    await flow(torn.dir)
    expect(existsSync(torn.lockFile)).toBe(false)
  })

  it('takes the lock per environment: a live lock of prod does not block dev', async () => {
    const {dir, lockFile} = projectWithLock('genomics-prod', {pid: process.pid, host: hostname(), expiresAt: Date.now() + 600_000})
    await expect(flow(dir, 'prod')).rejects.toMatchObject({code: 'apply-locked'})
    expect((await flow(dir, 'dev')).plan.env).toBe('dev')
    expect(existsSync(lockFile)).toBe(true)
    expect(existsSync(join(dir, '.batchctl', 'apply-genomics-dev.lock'))).toBe(false)
  })

  it('holds the lock while the no-change answer is given, so a second apply started then is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-lock-'))
    const inner = await withApplyLock(dir, 'genomics', () => flow(dir).then(() => 'ran', (error: unknown) => (error as UserError).code))
    expect(inner).toBe('apply-locked')
    expect(existsSync(join(dir, '.batchctl', 'apply-genomics.lock'))).toBe(false)
  })
})
