import {mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {dirname, join} from 'node:path'

import {UserError} from '../errors.js'

interface LockRecord {
  pid: number
  host: string
  startedAt: string
  expiresAt: number
}

const TTL_MS = 10 * 60_000

/** True when a record's owner can be known to be gone: expired, or a dead process on this host. */
function isStale(record: LockRecord, now: number): boolean {
  if (record.expiresAt < now) return true
  if (record.host !== hostname()) return false
  try {
    process.kill(record.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * An advisory lock per project and environment, in the project folder, so two applies (or an
 * apply and a destroy) of the same project from this checkout never run at once. A crashed
 * process cannot hold it forever: the lock expires unless renewed, and a dead pid on the same
 * host frees it at once. (Applies from other machines are not seen; re-running converges.)
 */
export async function withApplyLock<T>(projectDir: string, name: string, fn: () => Promise<T>): Promise<T> {
  const file = join(projectDir, '.batchctl', `apply-${name}.lock`)
  mkdirSync(dirname(file), {recursive: true})
  const record = (): LockRecord => ({pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), expiresAt: Date.now() + TTL_MS})
  const take = (): boolean => {
    try {
      writeFileSync(file, JSON.stringify(record()), {flag: 'wx'})
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      return false
    }
  }
  if (!take()) {
    let holder: LockRecord | undefined
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as LockRecord
    } catch {
      holder = undefined // unreadable: a crash mid-write; treat as stale
    }
    if (holder && !isStale(holder, Date.now())) {
      throw new UserError(`another apply of ${name} is running (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`, {
        code: 'apply-locked',
        hints: [`wait for it to finish; if it crashed, the lock frees itself by ${new Date(holder.expiresAt).toISOString()} (or delete ${file})`],
      })
    }
    rmSync(file, {force: true})
    if (!take()) throw new UserError(`another apply of ${name} just started`, {code: 'apply-locked'})
  }
  const renew = setInterval(() => writeFileSync(file, JSON.stringify(record())), TTL_MS / 3)
  renew.unref()
  try {
    return await fn()
  } finally {
    clearInterval(renew)
    rmSync(file, {force: true})
  }
}
