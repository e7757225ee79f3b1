import dockerignore, {type Ignore} from '@balena/dockerignore'
import {createHash} from 'node:crypto'
import {existsSync, lstatSync, readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {join, relative, resolve} from 'node:path'

import type {DockerImage} from '../config/types.generated.js'
import {UserError} from '../errors.js'

// A CommonJS module whose typings declare an ES default export: take whichever is callable.
const ignore = ((dockerignore as unknown as {default?: unknown}).default ?? dockerignore) as unknown as () => Ignore

export interface DockerContext {
  contextDir: string
  dockerfile: string
  /** Files sent to the daemon, relative to the context, sorted. */
  files: string[]
  /** `FROM` images (stage names, `scratch` and `${ARG}` references left out). */
  baseImages: string[]
}

/**
 * Reads a Docker build's context as the daemon would receive it: every file not excluded by
 * `.dockerignore` (Docker's own matching rules), plus the Dockerfile and `.dockerignore`,
 * which Docker always sends.
 */
export function readDockerContext(spec: DockerImage, baseDir: string): DockerContext {
  const contextDir = resolve(baseDir, spec.context)
  if (!existsSync(contextDir) || !lstatSync(contextDir).isDirectory()) {
    throw new UserError(`image context ${spec.context} is not a directory (looked in ${contextDir})`, {code: 'image-missing-context'})
  }
  const dockerfile = resolve(contextDir, spec.dockerfile ?? 'Dockerfile')
  if (!existsSync(dockerfile)) {
    throw new UserError(`Dockerfile ${spec.dockerfile ?? 'Dockerfile'} not found in ${contextDir}`, {code: 'image-missing-dockerfile'})
  }
  const ignoreFile = join(contextDir, '.dockerignore')
  const matcher = ignore().add(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '')
  const always = new Set([relative(contextDir, dockerfile), '.dockerignore'])
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      const rel = relative(contextDir, path)
      const info = lstatSync(path)
      if (info.isDirectory()) walk(path)
      else if (always.has(rel) || !matcher.ignores(rel)) files.push(rel)
    }
  }
  walk(contextDir)
  return {contextDir, dockerfile, files: files.filter((file) => existsSync(join(contextDir, file))), baseImages: fromImages(readFileSync(dockerfile, 'utf8'))}
}

/** Images named in `FROM` lines that are not earlier stages. */
export function fromImages(dockerfile: string): string[] {
  const stages = new Set<string>()
  const images: string[] = []
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line)
    if (!match) continue
    const image = match[1]!
    if (!stages.has(image.toLowerCase()) && image !== 'scratch' && !image.includes('$')) images.push(image)
    if (match[2]) stages.add(match[2].toLowerCase())
  }
  return images
}

/**
 * The content hash of a Docker build: context files (path, mode and bytes), the Dockerfile,
 * build args, target, platform, and the digests the base images resolve to now.
 */
export function dockerContentTag(spec: DockerImage, context: DockerContext, baseDigests: Record<string, string>): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({v: 1, dockerfile: relative(context.contextDir, context.dockerfile), buildArgs: sortKeys(spec.buildArgs), target: spec.target ?? null, platform: spec.platform ?? 'linux/amd64', bases: sortKeys(baseDigests)}))
  for (const file of context.files) {
    const path = join(context.contextDir, file)
    const info = lstatSync(path)
    hash.update(`\0${file}\0${info.mode & 0o777}\0`)
    hash.update(info.isSymbolicLink() ? readlinkSync(path) : createHash('sha256').update(readFileSync(path)).digest())
  }
  return `batchctl-${hash.digest('hex').slice(0, 40)}`
}

function sortKeys(record: Record<string, string | undefined> | undefined): Array<[string, string | undefined]> {
  return Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}
