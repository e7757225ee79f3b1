import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {buildAndPush} from '../../src/images/daemonless.js'
import {pushBaseImage} from '../helpers/oci.js'
import {startRegistry, type TestRegistry} from '../helpers/registry.js'

// A registry with basic auth (htpasswd, bcrypt from apache2-utils, which .ci/run installs).
const user = {username: 'pusher', password: 'correct horse'}
let registry: TestRegistry

beforeAll(async () => {
  const htpasswd = execFileSync('htpasswd', ['-nbB', user.username, user.password], {encoding: 'utf8'})
  registry = await startRegistry({htpasswd})
  await pushBaseImage(registry.host, 'base', '1', user)
})

afterAll(async () => {
  await registry?.stop()
})

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-auth-'))
  mkdirSync(join(dir, 'app'))
  writeFileSync(join(dir, 'app', 'main.py'), 'print(1)\n')
  return dir
}

describe('pushing to a registry that requires credentials', () => {
  const spec = () => ({base: `${registry.host}/base:1`, files: [{src: './app', dest: '/app'}]})

  it('pushes with the right credentials', async () => {
    const result = await buildAndPush({spec: spec(), baseDir: project(), target: `${registry.host}/worker`, credentials: async () => user})
    expect(result.digest).toMatch(/^sha256:/)
  })

  it('fails clearly with wrong or missing credentials, naming the registry and the status', async () => {
    const wrong = buildAndPush({
      spec: spec(),
      baseDir: project(),
      target: `${registry.host}/worker`,
      credentials: async () => ({username: user.username, password: 'wrong'}),
    })
    await expect(wrong).rejects.toMatchObject({code: 'registry-auth', status: 401})
    await expect(wrong).rejects.toThrow(`${registry.host}: could not`)
    const none = buildAndPush({spec: spec(), baseDir: project(), target: `${registry.host}/worker`})
    await expect(none).rejects.toMatchObject({code: 'registry-auth', hints: [expect.stringContaining('credentials')]})
  })
})
