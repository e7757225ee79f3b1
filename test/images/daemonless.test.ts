import {chmodSync, cpSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import type {LayeredImage} from '../../src/config/types.generated.js'
import {buildAndPush} from '../../src/images/daemonless.js'
import {RegistryClient} from '../../src/images/registry/client.js'
import {pullImage, pushBaseImage} from '../helpers/oci.js'
import {freePort, startRegistry, type TestRegistry} from '../helpers/registry.js'

let registry: TestRegistry

beforeAll(async () => {
  registry = await startRegistry()
  await pushBaseImage(registry.host, 'base', '1')
})

afterAll(async () => {
  await registry?.stop()
})

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-image-'))
  mkdirSync(join(dir, 'app', 'lib'), {recursive: true})
  writeFileSync(join(dir, 'app', 'main.py'), 'print("align")\n')
  writeFileSync(join(dir, 'app', 'run.sh'), '#!/bin/sh\nexec python /app/main.py\n')
  chmodSync(join(dir, 'app', 'run.sh'), 0o755)
  writeFileSync(join(dir, 'app', 'lib', 'util.py'), 'X = 1\n')
  writeFileSync(join(dir, 'settings.toml'), 'threads = 4\n')
  return dir
}

function spec(overrides: Partial<LayeredImage> = {}): LayeredImage {
  return {
    base: `${registry.host}/base:1`,
    files: [
      {src: './app', dest: '/app', owner: '1000:1000'},
      {src: './settings.toml', dest: '/etc/worker/settings.toml', mode: '0600'},
    ],
    env: {PYTHONUNBUFFERED: '1', LANG: 'en_US.UTF-8'},
    entrypoint: ['/app/run.sh'],
    workdir: '/app',
    user: '1000:1000',
    labels: {'org.opencontainers.image.source': 'https://example.invalid/genomics'},
    ...overrides,
  }
}

describe('daemonless build and push to a real registry', () => {
  it('layers files onto the base and writes the declared config', async () => {
    const dir = project()
    const result = await buildAndPush({spec: spec(), baseDir: dir, target: `${registry.host}/worker`})
    expect(result.skipped).toBe(false)
    expect(result.imageUri).toBe(`${registry.host}/worker@${result.digest}`)

    const image = await pullImage(registry.host, 'worker', result.digest)
    expect(image.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(image.manifest.layers).toHaveLength(3) // base + one per files entry
    expect(image.config.architecture).toBe('amd64')
    expect(image.config.config).toMatchObject({
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'LANG=en_US.UTF-8', 'PYTHONUNBUFFERED=1'],
      Entrypoint: ['/app/run.sh'],
      Cmd: null, // a new ENTRYPOINT clears the inherited CMD, as in a Dockerfile
      WorkingDir: '/app',
      User: '1000:1000',
      Labels: {'org.opencontainers.image.source': 'https://example.invalid/genomics'},
    })
    expect(image.config.rootfs.diff_ids).toHaveLength(3)

    expect(image.files.get('bin/hello')?.content).toContain('amd64')
    expect(image.files.get('app/main.py')).toMatchObject({mode: 0o644, uid: 1000, gid: 1000, content: 'print("align")\n'})
    expect(image.files.get('app/run.sh')).toMatchObject({mode: 0o755, uid: 1000, gid: 1000})
    expect(image.files.get('app/lib')).toMatchObject({type: 'directory', mode: 0o755, uid: 1000})
    expect(image.files.get('app/lib/util.py')?.content).toBe('X = 1\n')
    expect(image.files.get('etc/worker/settings.toml')).toMatchObject({mode: 0o600, uid: 0, gid: 0, content: 'threads = 4\n'})
  })

  it('picks the requested platform from the base index', async () => {
    const result = await buildAndPush({spec: spec({platform: 'linux/arm64'}), baseDir: project(), target: `${registry.host}/worker-arm`})
    const image = await pullImage(registry.host, 'worker-arm', result.digest)
    expect(image.config.architecture).toBe('arm64')
    expect(image.files.get('bin/hello')?.content).toContain('arm64')
  })

  it('gives the same digest for the same input from another checkout, and skips the push in 2 round trips', async () => {
    const first = project()
    const pushed = await buildAndPush({spec: spec(), baseDir: first, target: `${registry.host}/same`})

    // A fresh copy: other paths, other mtimes.
    const second = mkdtempSync(join(tmpdir(), 'batchctl-image-copy-'))
    cpSync(first, second, {recursive: true})
    utimesSync(join(second, 'app', 'main.py'), new Date('2001-01-01'), new Date('2001-01-01'))
    const clients = new Map<string, RegistryClient>()
    const again = await buildAndPush({spec: spec(), baseDir: second, target: `${registry.host}/same`, clients})
    expect(again).toMatchObject({skipped: true, digest: pushed.digest, uploadedBlobs: 0})
    const stats = clients.get(registry.host)!.stats
    expect(stats.blobUploads).toBe(0)
    expect(stats.requests).toBeLessThanOrEqual(3)

    // Into another repository the digest is still the same: it depends on content only.
    const elsewhere = await buildAndPush({spec: spec(), baseDir: second, target: `${registry.host}/other`})
    expect(elsewhere.digest).toBe(pushed.digest)
  })

  it('changing one file changes the digest and uploads only that layer (and the config)', async () => {
    const dir = project()
    const before = await buildAndPush({spec: spec(), baseDir: dir, target: `${registry.host}/change`})
    writeFileSync(join(dir, 'settings.toml'), 'threads = 8\n')
    const events: string[] = []
    const after = await buildAndPush({
      spec: spec(),
      baseDir: dir,
      target: `${registry.host}/change`,
      onProgress: (event) => {
        if (event.type === 'blob') events.push(event.action)
      },
    })
    expect(after.digest).not.toBe(before.digest)
    expect(after.uploadedBlobs).toBe(2)
    expect(events.sort()).toEqual(['exists', 'exists', 'uploaded', 'uploaded'])
  })

  it('mounts base layers from the base repository instead of uploading them', async () => {
    const events: string[] = []
    await buildAndPush({
      spec: spec(),
      baseDir: project(),
      target: `${registry.host}/mounted`,
      onProgress: (event) => {
        if (event.type === 'blob') events.push(event.action)
      },
    })
    expect(events.filter((action) => action === 'mounted')).toHaveLength(1)
  })

  it('names a missing base image, a missing file and an unreachable registry clearly', async () => {
    await expect(
      buildAndPush({spec: spec({base: `${registry.host}/nope:1`}), baseDir: project(), target: `${registry.host}/x`}),
    ).rejects.toThrow(`${registry.host}/nope:1 not found`)
    await expect(
      buildAndPush({spec: spec({files: [{src: './missing', dest: '/m'}]}), baseDir: project(), target: `${registry.host}/x`}),
    ).rejects.toThrow(/files entry \.\/missing → \/m: .*missing does not exist/)
    const closed = await freePort()
    await expect(
      buildAndPush({spec: spec({base: `127.0.0.1:${closed}/base:1`}), baseDir: project(), target: `${registry.host}/x`}),
    ).rejects.toThrow(`cannot reach registry 127.0.0.1:${closed} (ECONNREFUSED)`)
    await expect(
      buildAndPush({spec: spec({files: [{src: './app', dest: '/app', owner: 'worker'}]}), baseDir: project(), target: `${registry.host}/x`}),
    ).rejects.toThrow(/owner "worker" must be numeric/)
  })
})
