import {chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {dockerContentTag, fromImages, readDockerContext} from '../../src/images/docker-context.js'
import {dockerCommands, pushedDigest, runDocker} from '../../src/images/docker-driver.js'

const password = 'eyJwYXlsb2FkIjoic2VjcmV0In0='

function input(overrides = {}) {
  return {
    spec: {context: './worker', dockerfile: 'build/Dockerfile', buildArgs: {PY: '3.12', A: '1'}, target: 'runtime', platform: 'linux/arm64' as const},
    contextDir: '/p/worker',
    dockerfile: '/p/worker/build/Dockerfile',
    imageRef: '123456789012.dkr.ecr.us-east-1.amazonaws.com/genomics-worker:batchctl-abc',
    registry: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
    credentials: {username: 'AWS', password},
    metadataFile: '/tmp/m.json',
    ...overrides,
  }
}

describe('docker driver command lines', () => {
  it('logs in with the password on stdin and builds with every option through buildx', () => {
    const commands = dockerCommands(input())
    expect(commands.map((c) => c.argv)).toEqual([
      ['docker', 'login', '--username', 'AWS', '--password-stdin', '123456789012.dkr.ecr.us-east-1.amazonaws.com'],
      [
        'docker', 'buildx', 'build',
        '--platform', 'linux/arm64',
        '--file', '/p/worker/build/Dockerfile',
        '--build-arg', 'A=1',
        '--build-arg', 'PY=3.12',
        '--target', 'runtime',
        '--tag', '123456789012.dkr.ecr.us-east-1.amazonaws.com/genomics-worker:batchctl-abc',
        '--push', '--metadata-file', '/tmp/m.json', '--progress', 'plain',
        '/p/worker',
      ],
    ])
    expect(commands[0]!.stdin).toBe(password)
    for (const command of commands) expect(command.argv.join(' ')).not.toContain(password)
  })

  it('uses docker build + docker push without buildx, with the default platform', () => {
    const commands = dockerCommands(input({buildx: false, credentials: undefined, spec: {context: '.'}}))
    expect(commands.map((c) => c.argv.slice(0, 2))).toEqual([['docker', 'build'], ['docker', 'push']])
    expect(commands[0]!.argv).toContain('linux/amd64')
    expect(commands[0]!.argv).not.toContain('--target')
  })

  it('runs docker, feeding stdin and streaming output; explains a missing daemon or binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-fake-docker-'))
    const fake = join(dir, 'docker')
    // A stand-in docker that records its argv and stdin, and fails like a missing daemon on demand.
    writeFileSync(
      fake,
      `#!/bin/sh\necho "$@" > ${dir}/argv\ncat > ${dir}/stdin\nif [ "$1" = "info" ]; then echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock" >&2; exit 1; fi\necho "Login Succeeded"\n`,
    )
    chmodSync(fake, 0o755)
    const lines: string[] = []
    const [login] = dockerCommands(input())
    await runDocker(login!, (line) => lines.push(line), fake)
    expect(readFileSync(join(dir, 'stdin'), 'utf8')).toBe(password)
    expect(readFileSync(join(dir, 'argv'), 'utf8')).not.toContain(password)
    expect(lines).toEqual(['Login Succeeded'])

    await expect(runDocker({argv: ['docker', 'info'], description: 'check'}, undefined, fake)).rejects.toMatchObject({
      code: 'docker-daemon',
      hints: [expect.stringContaining('daemonless')],
    })
    await expect(runDocker({argv: ['docker', 'info'], description: 'check'}, undefined, join(dir, 'nope'))).rejects.toMatchObject({
      code: 'docker-missing',
    })
  })

  it('reads the pushed digest from buildx metadata or from docker push output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-meta-'))
    const digest = `sha256:${'a'.repeat(64)}`
    writeFileSync(join(dir, 'm.json'), JSON.stringify({'containerimage.digest': digest}))
    expect(pushedDigest(join(dir, 'm.json'), '')).toBe(digest)
    expect(pushedDigest(join(dir, 'none.json'), `latest: digest: ${digest} size: 1234`)).toBe(digest)
  })
})

describe('docker build context', () => {
  function context(): string {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-ctx-'))
    mkdirSync(join(dir, 'worker', 'data'), {recursive: true})
    writeFileSync(join(dir, 'worker', 'Dockerfile'), 'FROM python:3.12 AS build\nFROM build\nFROM --platform=linux/amd64 debian:12\nFROM ${BASE}\n')
    writeFileSync(join(dir, 'worker', '.dockerignore'), 'data\n*.log\n!keep.log\n')
    writeFileSync(join(dir, 'worker', 'main.py'), 'x')
    writeFileSync(join(dir, 'worker', 'a.log'), 'x')
    writeFileSync(join(dir, 'worker', 'keep.log'), 'x')
    writeFileSync(join(dir, 'worker', 'data', 'big.bin'), 'x')
    return dir
  }

  it('honours .dockerignore with Docker\'s rules and always sends the Dockerfile', () => {
    const ctx = readDockerContext({context: './worker'}, context())
    expect(ctx.files).toEqual(['.dockerignore', 'Dockerfile', 'keep.log', 'main.py'])
    expect(ctx.baseImages).toEqual(['python:3.12', 'debian:12'])
  })

  it('hashes what decides the image: an ignored file does not change the tag, a sent one does', () => {
    const dir = context()
    const tag = () => dockerContentTag({context: './worker'}, readDockerContext({context: './worker'}, dir), {'python:3.12': 'sha256:1'})
    const before = tag()
    writeFileSync(join(dir, 'worker', 'data', 'big.bin'), 'changed')
    expect(tag()).toBe(before)
    writeFileSync(join(dir, 'worker', 'main.py'), 'changed')
    expect(tag()).not.toBe(before)
    const otherBase = dockerContentTag({context: './worker'}, readDockerContext({context: './worker'}, dir), {'python:3.12': 'sha256:2'})
    expect(otherBase).not.toBe(tag())
  })

  it('names a missing context or Dockerfile', () => {
    expect(() => readDockerContext({context: './nope'}, context())).toThrow(/image context \.\/nope is not a directory/)
    expect(() => readDockerContext({context: './worker', dockerfile: 'Other'}, context())).toThrow(/Dockerfile Other not found/)
  })

  it('lists FROM images without stages, scratch or ARG references', () => {
    expect(fromImages('FROM scratch\nfrom alpine:3 as base\nFROM base\n')).toEqual(['alpine:3'])
  })
})
