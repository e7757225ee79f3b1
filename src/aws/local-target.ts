import {mkdirSync} from 'node:fs'
import {connect} from 'node:net'
import {dirname, join} from 'node:path'

import {Emulator} from '../local/emulator.js'
import {type AwsTarget, LOCAL_CREDENTIALS} from './clients.js'

/** `batchctl local start` listens here unless told otherwise. */
export const DEFAULT_LOCAL_PORT = 4599

export interface LocalConnection {
  target: AwsTarget
  /** An emulator started in this process because none was running, or undefined. */
  embedded?: Emulator
  close(): Promise<void>
}

function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({port, host})
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * `--local`: use the emulator `batchctl local start` runs (BATCHCTL_LOCAL_ENDPOINT or port 4599);
 * when none is running, start one inside this process whose state lives in
 * `<project>/.batchctl/local-state.json`, so successive commands see each other's resources.
 */
export async function connectLocal(options: {region: string; projectDir: string}): Promise<LocalConnection> {
  const configured = process.env.BATCHCTL_LOCAL_ENDPOINT
  if (configured) {
    return {target: {region: options.region, endpoint: configured, credentials: LOCAL_CREDENTIALS}, close: async () => {}}
  }
  if (await listening(DEFAULT_LOCAL_PORT)) {
    const endpoint = `http://127.0.0.1:${DEFAULT_LOCAL_PORT}`
    return {target: {region: options.region, endpoint, credentials: LOCAL_CREDENTIALS}, close: async () => {}}
  }
  const stateFile = join(options.projectDir, '.batchctl', 'local-state.json')
  mkdirSync(dirname(stateFile), {recursive: true})
  // Images pushed in local mode need a real OCI registry for the emulated ECR to front.
  const registry = process.env.BATCHCTL_LOCAL_REGISTRY
  const embedded = await Emulator.start({stateFile, ...(registry ? {services: {ecr: {registry}}} : {})})
  return {
    target: {region: options.region, endpoint: embedded.url, credentials: LOCAL_CREDENTIALS},
    embedded,
    close: () => embedded.stop(),
  }
}
