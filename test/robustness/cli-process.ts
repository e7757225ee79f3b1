// The built CLI as a child process that a test can SIGKILL at a moment of its choosing.
import {type ChildProcess, spawn} from 'node:child_process'

import {binPath} from '../helpers/cli.js'

/** How a CLI run ended: an exit code, or the signal that killed it. */
export interface CliOutcome {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunningCli {
  child: ChildProcess
  done: Promise<CliOutcome>
}

/**
 * The CLI under test: `bin/run.js` (dist/, built by `npm test`), or a copy of the built package
 * named by BATCHCTL_TEST_BIN (so a long run is not disturbed by a rebuild of the shared dist/).
 */
const cliPath = process.env.BATCHCTL_TEST_BIN ?? binPath

/** Starts the CLI with `args` as a user would (no TTY, production mode, no colour). */
export function startCli(args: string[], options: {cwd: string; env: Record<string, string>; timeoutMs?: number}): RunningCli {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: options.cwd,
    env: {...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env},
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  child.stdin!.end()
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliOutcome>((resolve, reject) => {
    // A hung CLI must fail the trial, not the whole file's time budget.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({code, signal, stdout, stderr})
    })
  })
  return {child, done}
}

/** Runs the CLI to the end. */
export function runToEnd(args: string[], options: {cwd: string; env: Record<string, string>; timeoutMs?: number}): Promise<CliOutcome> {
  return startCli(args, options).done
}
