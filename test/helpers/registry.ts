import {type ChildProcess, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/** Debian's docker-registry package (the CNCF distribution registry); .ci/run installs it. */
export const REGISTRY_BINARY = '/usr/bin/docker-registry'

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  host: string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Starts a real registry on 127.0.0.1 with its storage in a temp folder. */
export async function startRegistry(options: {htpasswd?: string} = {}): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(`${REGISTRY_BINARY} is missing: apt-get install docker-registry (see .ci/run)`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-registry-'))
  const port = await freePort()
  const auth = options.htpasswd
    ? `auth:\n  htpasswd:\n    realm: test\n    path: ${join(dir, 'htpasswd')}\n`
    : ''
  if (options.htpasswd) writeFileSync(join(dir, 'htpasswd'), options.htpasswd)
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n${auth}`,
  )
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', join(dir, 'config.yml')], {stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const host = `127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`http://${host}/v2/`)
      if (response.status === 200 || response.status === 401) break
    } catch {
      // not listening yet
    }
    if (i > 100 || child.exitCode !== null) throw new Error(`registry did not start: ${stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    host,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
