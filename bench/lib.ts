// Shared helpers for the benchmarks: timing whole commands and writing RESULTS.md sections.
import {spawnSync, type SpawnSyncOptions} from 'node:child_process'
import {readFileSync, writeFileSync, existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

export const resultsFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url))

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Wall milliseconds of one run of a command (spawned, output discarded); throws if it fails. */
export interface CommandCase {
  name: string
  argv: string[]
  options?: SpawnSyncOptions
}

export function timeCommand(argv: string[], options: SpawnSyncOptions = {}): number {
  const start = process.hrtime.bigint()
  const result = spawnSync(argv[0]!, argv.slice(1), {stdio: ['ignore', 'ignore', 'pipe'], ...options})
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`)
  return ms
}

/**
 * Runs each case `runs` times, interleaved (a, b, c, a, b, c, ...) so that a noisy neighbour
 * slows every case alike, and returns the median per case.
 */
export function interleaved(cases: CommandCase[], runs: number): Array<{name: string; median: number; min: number}> {
  const samples: number[][] = cases.map(() => [])
  for (const c of cases) timeCommand(c.argv, c.options) // warm the file cache
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j]!.push(timeCommand(c.argv, c.options)))
  return cases.map((c, j) => ({name: c.name, median: median(samples[j]!), min: Math.min(...samples[j]!)}))
}

/** Replaces the text between `<!-- name:begin -->` and `<!-- name:end -->` in RESULTS.md. */
export function writeSection(name: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  let text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`; numbers are from the machine named in each section.\n'
  const block = `${begin}\n${body.trim()}\n${end}`
  const at = text.indexOf(begin)
  const stop = text.indexOf(end)
  text = at >= 0 && stop > at ? text.slice(0, at) + block + text.slice(stop + end.length) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(resultsFile, text)
}

export function machine(): string {
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}`
}
