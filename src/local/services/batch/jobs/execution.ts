import {spawn} from 'node:child_process'
import {constants} from 'node:os'

import type {Clock} from '../../../clock.js'
import type {RunningAttempt} from './runtime.js'

/** What an attempt needs to run, simulated or as a process. */
export interface AttemptSpec {
  command: string[]
  environment: Record<string, string>
  /** Simulated run: how long, which exit code, extra lines. */
  sim: {durationMs: number; exitCode: number; logLines: string[]}
  /** Every line the attempt writes (stdout and stderr alike), timestamped on the virtual clock. */
  onLog(lines: {timestamp: number; message: string}[]): void
  /** Called once when the attempt ends on its own (not after `stop`). */
  onExit(exitCode: number | undefined, reason?: string): void
}

/** A simulated attempt: runs for `sim.durationMs` of virtual time and exits with `sim.exitCode`. */
export function simulateAttempt(clock: Clock, spec: AttemptSpec): RunningAttempt {
  const now = clock.now()
  spec.onLog([
    {timestamp: now, message: `Starting simulated container (batchctl emulator)`},
    {timestamp: now, message: spec.command.join(' ')},
    ...spec.sim.logLines.map((message) => ({timestamp: now, message})),
  ])
  const timer = clock.setTimeout(() => {
    spec.onLog([{timestamp: clock.now(), message: `Exiting with ${spec.sim.exitCode}`}])
    spec.onExit(spec.sim.exitCode)
  }, spec.sim.durationMs)
  return {stop: () => clock.clearTimeout(timer)}
}

/** Splits a stream into lines, keeping the unfinished tail until the next chunk or the end. */
function lineSplitter(emit: (lines: string[]) => void): {push(chunk: Buffer): void; end(): void} {
  let tail = ''
  return {
    push(chunk) {
      const parts = (tail + chunk.toString('utf8')).split(/\r?\n/)
      tail = parts.pop() ?? ''
      if (parts.length) emit(parts)
    },
    end() {
      if (tail) emit([tail])
      tail = ''
    },
  }
}

/**
 * Runs the attempt's command as a local child process (no shell, like a container's exec
 * form), with the job's environment. The exit code decides the attempt; a signal counts as
 * 128 + its number, as a container runtime reports it.
 */
export function execAttempt(clock: Clock, spec: AttemptSpec, inherit: Record<string, string>): RunningAttempt {
  const [file, ...args] = spec.command
  let stopped = false
  let exited = false
  const finish = (code: number | undefined, reason?: string): void => {
    if (exited || stopped) return
    exited = true
    spec.onExit(code, reason)
  }
  if (!file) {
    queueMicrotask(() => finish(undefined, 'CannotStartContainerError: the job has no command to run'))
    return {stop: () => (stopped = true)}
  }
  const child = spawn(file, args, {env: {...inherit, ...spec.environment}, stdio: ['ignore', 'pipe', 'pipe']})
  const emit = (lines: string[]): void => {
    const timestamp = clock.now()
    spec.onLog(lines.map((message) => ({timestamp, message})))
  }
  const out = lineSplitter(emit)
  const err = lineSplitter(emit)
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
  child.on('error', (error) => finish(undefined, `CannotStartContainerError: ${error.message}`))
  child.on('close', (code, signal) => {
    out.end()
    err.end()
    const signalNumber = signal ? (constants.signals as Record<string, number>)[signal] : undefined
    finish(code ?? (signalNumber !== undefined ? 128 + signalNumber : undefined))
  })
  const running = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    stop(_reason, force) {
      stopped = true
      if (!running()) return
      if (force) {
        child.kill('SIGKILL')
        return
      }
      // As a container stop: SIGTERM, then SIGKILL after 30 s (User Guide, "Job timeouts"), on the virtual clock's pace.
      child.kill('SIGTERM')
      setTimeout(() => running() && child.kill('SIGKILL'), Math.max(1, 30_000 / Math.max(clock.speed, 1))).unref()
    },
  }
}
