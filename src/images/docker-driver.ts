import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {DockerImage} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import type {RegistryCredentials} from './registry/auth.js'

/** One docker invocation. The registry password only ever travels on stdin. */
export interface DockerCommand {
  argv: string[]
  stdin?: string
  description: string
}

export interface DockerPushInput {
  spec: DockerImage
  contextDir: string
  dockerfile: string
  /** `registry/repository:tag` to push. */
  imageRef: string
  registry: string
  credentials?: RegistryCredentials
  /** Where buildx writes the pushed digest. */
  metadataFile: string
  /** `docker buildx build --push` (default) or classic `docker build` + `docker push`. */
  buildx?: boolean
}

/** The docker command lines for one image, in order. */
export function dockerCommands(input: DockerPushInput): DockerCommand[] {
  const {spec} = input
  const commands: DockerCommand[] = []
  if (input.credentials) {
    commands.push({
      argv: ['docker', 'login', '--username', input.credentials.username, '--password-stdin', input.registry],
      stdin: input.credentials.password,
      description: `log in to ${input.registry}`,
    })
  }
  const common = [
    '--platform',
    spec.platform ?? 'linux/amd64',
    '--file',
    input.dockerfile,
    ...Object.entries(spec.buildArgs ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]),
    ...(spec.target ? ['--target', spec.target] : []),
    '--tag',
    input.imageRef,
  ]
  if (input.buildx ?? true) {
    commands.push({
      argv: ['docker', 'buildx', 'build', ...common, '--push', '--metadata-file', input.metadataFile, '--progress', 'plain', input.contextDir],
      description: `build and push ${input.imageRef}`,
    })
  } else {
    commands.push({argv: ['docker', 'build', ...common, input.contextDir], description: `build ${input.imageRef}`})
    commands.push({argv: ['docker', 'push', input.imageRef], description: `push ${input.imageRef}`})
  }
  return commands
}

const NO_DAEMON_HINT = 'Build without Docker: describe the image with `base:` and `files:` (daemonless) in batch.yaml.'

/** Runs one docker command, streaming its output lines; a missing docker or daemon is a clear error. */
export function runDocker(command: DockerCommand, onLine?: (line: string) => void, docker = 'docker'): Promise<string> {
  return new Promise((resolve, reject) => {
    const [, ...args] = command.argv
    const child = spawn(docker, args, {stdio: ['pipe', 'pipe', 'pipe']})
    let output = ''
    const collect = (chunk: Buffer) => {
      const text = chunk.toString()
      output += text
      for (const line of text.split('\n')) if (line.trim()) onLine?.(line)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new UserError('docker is not installed (or not on PATH)', {code: 'docker-missing', hints: [NO_DAEMON_HINT]})
          : error,
      )
    })
    child.on('close', (code) => {
      if (code === 0) return resolve(output)
      if (/Cannot connect to the Docker daemon|docker daemon is not running|error during connect/i.test(output)) {
        return reject(new UserError('the Docker daemon is not reachable', {code: 'docker-daemon', hints: [NO_DAEMON_HINT]}))
      }
      const tail = output.trim().split('\n').slice(-5).join('\n')
      reject(new UserError(`docker failed to ${command.description} (exit ${code}):\n${tail}`, {code: 'docker-failed'}))
    })
    child.stdin.end(command.stdin ?? '')
  })
}

/** The digest `docker buildx build --metadata-file` recorded, or the one `docker push` printed. */
export function pushedDigest(metadataFile: string, pushOutput: string): string | undefined {
  try {
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as Record<string, unknown>
    const digest = metadata['containerimage.digest']
    if (typeof digest === 'string') return digest
  } catch {
    // classic docker push: read the digest from its output instead
  }
  return /digest: (sha256:[a-f0-9]{64})/.exec(pushOutput)?.[1]
}

export function metadataPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'batchctl-buildx-')), 'metadata.json')
}
