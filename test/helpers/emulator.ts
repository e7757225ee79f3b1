import {afterEach} from 'vitest'

import {Emulator, type EmulatorOptions} from '../../src/local/emulator.js'

/** SDK client settings that point a real `@aws-sdk/*` client at an emulator over HTTP. */
export interface ClientConfig {
  endpoint: string
  region: string
  credentials: {accessKeyId: string; secretAccessKey: string}
  maxAttempts?: number
}

const running: Emulator[] = []

/** Starts an emulator on a random loopback port; stopped automatically after each test. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<{emulator: Emulator; config: ClientConfig}> {
  const emulator = await Emulator.start(options)
  running.push(emulator)
  return {
    emulator,
    config: {
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: {accessKeyId: 'test', secretAccessKey: 'test'},
    },
  }
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()))
})
