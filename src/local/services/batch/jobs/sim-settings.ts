import type {JobDetail} from '@aws-sdk/client-batch'

/**
 * Simulated execution (the default; `emulator.options.exec` runs real processes instead) is
 * steered per job definition or per job by these variables, read from the container's
 * environment (definition merged with `containerOverrides.environment`) and then from the
 * job's parameters:
 *
 * - `BATCHCTL_SIM_DURATION_MS`: how long each attempt runs, in virtual ms (default: the Batch
 *   option `jobDurationMs`).
 * - `BATCHCTL_SIM_EXIT_CODE`: the attempt's exit code; a comma list gives one per attempt, the
 *   last repeating (`1,0` fails the first attempt and succeeds on retry). Default 0.
 * - `BATCHCTL_SIM_FAIL_INDEXES`: array children with these indexes (comma list) exit with 1.
 * - `BATCHCTL_SIM_LOG_LINES`: extra log lines each attempt writes between the command and the
 *   exit line: a count (`3` → `Line 1 of 3` …) or literal text, lines split on `\n`.
 */
export interface SimSettings {
  durationMs: number
  exitCode: number
  logLines: string[]
}

export const SIM_VARIABLES = {
  duration: 'BATCHCTL_SIM_DURATION_MS',
  exitCode: 'BATCHCTL_SIM_EXIT_CODE',
  failIndexes: 'BATCHCTL_SIM_FAIL_INDEXES',
  logLines: 'BATCHCTL_SIM_LOG_LINES',
} as const

function setting(job: JobDetail, name: string): string | undefined {
  const fromEnv = job.container?.environment?.find((pair) => pair.name === name)?.value
  return fromEnv ?? job.parameters?.[name]
}

/** The simulation settings of one attempt (1-based) of a job. */
export function simSettings(job: JobDetail, attempt: number, defaultDurationMs: number): SimSettings {
  const duration = Number(setting(job, SIM_VARIABLES.duration))
  const codes = (setting(job, SIM_VARIABLES.exitCode) ?? '0').split(',').map((code) => Number(code.trim()))
  let exitCode = codes[Math.min(attempt, codes.length) - 1] ?? 0
  if (!Number.isInteger(exitCode)) exitCode = 0
  const failIndexes = setting(job, SIM_VARIABLES.failIndexes)
  const index = job.arrayProperties?.index
  if (failIndexes && index !== undefined && failIndexes.split(',').map((i) => Number(i.trim())).includes(index)) exitCode = 1
  const lines = setting(job, SIM_VARIABLES.logLines)
  let logLines: string[] = []
  if (lines && /^\d+$/.test(lines)) {
    const count = Math.min(Number(lines), 10_000)
    logLines = Array.from({length: count}, (_, i) => `Line ${i + 1} of ${count}`)
  } else if (lines) {
    logLines = lines.split('\n')
  }
  return {durationMs: Number.isFinite(duration) && duration >= 0 ? duration : defaultDurationMs, exitCode, logLines}
}
