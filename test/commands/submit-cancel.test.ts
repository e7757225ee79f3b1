import {spawn} from 'node:child_process'

import {describe, expect, it} from 'vitest'

import {binPath} from '../helpers/cli.js'
import {describe1} from '../local/batch-jobs-setup.js'
import {cliProject} from './submit-helpers.js'

/** Runs the CLI, sends SIGINT once stderr shows the job was submitted, and collects the outcome. */
function interrupt(args: string[], dir: string, endpoint: string): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args, '--local'], {
      cwd: dir,
      env: {...process.env, NODE_ENV: 'production', NO_COLOR: '1', BATCHCTL_LOCAL_ENDPOINT: endpoint, AWS_REGION: 'us-east-1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
      if (!sent && stderr.includes('submitted ')) {
        sent = true
        // Give the first watch round a moment, so the interrupt lands while waiting.
        setTimeout(() => child.kill('SIGINT'), 300)
      }
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr})
    })
  })
}

describe('batchctl submit --wait, interrupted', () => {
  it('terminates the job with --cancel-on-exit and exits 1', async () => {
    const {dir, emulator, batch} = await cliProject({speed: 1})
    const result = await interrupt(['submit', 'align', '--wait', '--cancel-on-exit', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000'], dir, emulator.url)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('the job was terminated')
    const jobId = result.stdout.trim()
    const terminate = emulator.calls.find('batch', 'TerminateJob')
    expect(terminate.map((call) => (call.input as {jobId: string}).jobId)).toEqual([jobId])
    expect((await describe1(batch, jobId)).status).not.toBe('SUCCEEDED')
  })

  it('leaves the job running without --cancel-on-exit', async () => {
    const {dir, emulator, batch} = await cliProject({speed: 1})
    const result = await interrupt(['submit', 'align', '--wait', '--set-env', 'BATCHCTL_SIM_DURATION_MS=600000'], dir, emulator.url)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('the job keeps running')
    expect(emulator.calls.count('batch', 'TerminateJob')).toBe(0)
    expect(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING']).toContain((await describe1(batch, result.stdout.trim())).status)
  })
})
