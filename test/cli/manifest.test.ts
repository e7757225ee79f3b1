import {spawnSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'

import {repoRoot, runCli} from '../helpers/cli.js'

describe('the installed CLI', () => {
  it('has a committed oclif.manifest.json that matches the built commands', () => {
    const check = spawnSync(process.execPath, ['scripts/manifest.mjs', '--check'], {cwd: repoRoot, encoding: 'utf8'})
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })

  it('prints its version and exits 0', async () => {
    const result = await runCli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^batchctl\/\d+\.\d+\.\d+ /)
  })

  it('exits 1 (not oclif\'s default 2) for an unknown command', async () => {
    const result = await runCli(['no-such-command'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no-such-command')
  })
})
