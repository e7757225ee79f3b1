import {Emulator} from '../emulator.js'
import type {FaultRule} from '../faults.js'

export interface ServeOptions {
  port: number
  host: string
  exec: boolean
  speed: number
  latencyMs: number
  throttleRate: number
  errorRate: number
  seed: number
  stateFile?: string
  /** An OCI registry (`127.0.0.1:5000`) the emulated ECR fronts. */
  registry?: string
}

/** Starts the emulator for `batchctl local start` and returns it with the environment to export. */
export async function serve(options: ServeOptions): Promise<{emulator: Emulator; env: Record<string, string>}> {
  const rules: FaultRule[] = []
  if (options.latencyMs > 0 || options.throttleRate > 0 || options.errorRate > 0) {
    rules.push({latencyMs: options.latencyMs, throttleRate: options.throttleRate, errorRate: options.errorRate})
  }
  const emulator = await Emulator.start({
    port: options.port,
    host: options.host,
    exec: options.exec,
    clock: {speed: options.speed},
    faults: {rules, seed: options.seed},
    ...(options.stateFile ? {stateFile: options.stateFile} : {}),
    ...(options.registry ? {services: {ecr: {registry: options.registry}}} : {}),
  })
  return {emulator, env: {...emulator.env(), BATCHCTL_LOCAL_ENDPOINT: emulator.url}}
}

/** `export NAME=value` lines for a POSIX shell. */
export function exportLines(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n')
}
