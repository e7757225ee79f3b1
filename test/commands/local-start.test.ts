import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {describe, expect, it} from 'vitest'

import {binPath} from '../helpers/cli.js'

describe('batchctl local start', () => {
  it('serves the SDK on the printed endpoint and saves its state when interrupted', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'batchctl-local-')), 'state.json')
    const child = spawn(process.execPath, [binPath, 'local', 'start', '--port', '0', '--json', '--state', stateFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, NODE_ENV: 'production'},
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({input: child.stdout})
      let text = ''
      lines.on('line', (line) => {
        text += line
        try {
          JSON.parse(text)
          resolve(text)
        } catch {
          // the JSON document spans several lines
        }
      })
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)))
    })
    const {url, env} = JSON.parse(firstLine) as {url: string; env: Record<string, string>}
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(env.AWS_ENDPOINT_URL).toBe(url)
    expect(env.BATCHCTL_LOCAL_ENDPOINT).toBe(url)

    const sts = new STSClient({
      endpoint: url,
      region: env.AWS_REGION!,
      credentials: {accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!},
    })
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Account).toMatch(/^\d{12}$/)
    sts.destroy()

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(existsSync(stateFile)).toBe(true)
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({version: 1})
    expect(stderr).not.toContain('NodeVersionSupportWarning')
  })

  it('refuses a throttle rate outside 0..1 with exit 1', async () => {
    const child = spawn(process.execPath, [binPath, 'local', 'start', '--port', '0', '--throttle-rate', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, NODE_ENV: 'production'},
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('--throttle-rate must be a number from 0 to 1')
  })
})
