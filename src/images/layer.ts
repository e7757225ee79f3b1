import {createHash} from 'node:crypto'
import {lstatSync, readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {join, posix, resolve} from 'node:path'
import pako from 'pako'
import tar from 'tar-stream'

import {UserError} from '../errors.js'

/** One entry of a daemonless image's `files:` list, resolved against batch.yaml's folder. */
export interface LayerSource {
  src: string
  dest: string
  mode?: string
  owner?: string
}

export interface LayerEntry {
  path: string
  type: 'file' | 'directory' | 'symlink'
  mode: number
  uid: number
  gid: number
  content?: Buffer
  linkname?: string
}

export interface BuiltLayer {
  /** sha256 of the gzipped tar: the blob digest. */
  digest: string
  /** sha256 of the uncompressed tar: the config's diff_id. */
  diffId: string
  blob: Buffer
  entries: number
}

/** Every entry gets this mtime, so the same files give the same bytes on any machine. */
const EPOCH = new Date(0)

function parseOwner(owner: string | undefined, where: string): {uid: number; gid: number} {
  if (!owner) return {uid: 0, gid: 0}
  const match = /^(\d+)(?::(\d+))?$/.exec(owner)
  if (!match) {
    throw new UserError(`${where}: owner "${owner}" must be numeric (uid or uid:gid) for daemonless builds`, {
      code: 'image-owner',
      hints: ['Daemonless builds cannot read user names from the base image; write e.g. owner: "1000:1000".'],
    })
  }
  const uid = Number(match[1])
  return {uid, gid: match[2] === undefined ? uid : Number(match[2])}
}

/**
 * Lists the tar entries for one `files:` item: parent directories of `dest`, then the file or
 * the directory tree in byte order of paths. Mode: as declared for files, else 0755 for
 * executables and 0644 otherwise; directories 0755. Symlinks are kept as links.
 */
export function collectEntries(source: LayerSource, baseDir: string): LayerEntry[] {
  const where = `files entry ${source.src} → ${source.dest}`
  const srcPath = resolve(baseDir, source.src)
  let stat
  try {
    stat = lstatSync(srcPath)
  } catch {
    throw new UserError(`${where}: ${srcPath} does not exist`, {code: 'image-missing-file'})
  }
  const {uid, gid} = parseOwner(source.owner, where)
  const declaredMode = source.mode === undefined ? undefined : Number.parseInt(source.mode, 8)
  const dest = posix.normalize(source.dest).replace(/^\/+/, '').replace(/\/+$/, '')
  const entries: LayerEntry[] = []
  const parts = dest.split('/')
  for (let i = 1; i < parts.length; i++) {
    entries.push({path: parts.slice(0, i).join('/'), type: 'directory', mode: 0o755, uid: 0, gid: 0})
  }
  const fileMode = (path: string): number => declaredMode ?? (lstatSync(path).mode & 0o111 ? 0o755 : 0o644)
  const walk = (path: string, target: string): void => {
    const info = lstatSync(path)
    if (info.isSymbolicLink()) {
      entries.push({path: target, type: 'symlink', mode: 0o777, uid, gid, linkname: readlinkSync(path)})
    } else if (info.isDirectory()) {
      entries.push({path: target, type: 'directory', mode: 0o755, uid, gid})
      for (const name of readdirSync(path).sort()) walk(join(path, name), `${target}/${name}`)
    } else if (info.isFile()) {
      entries.push({path: target, type: 'file', mode: fileMode(path), uid, gid, content: readFileSync(path)})
    }
  }
  if (stat.isDirectory() || stat.isFile() || stat.isSymbolicLink()) walk(srcPath, dest)
  return entries
}

/** Writes entries to an uncompressed tar with fixed timestamps and no user/group names. */
export async function tarEntries(entries: LayerEntry[]): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer))
    pack.on('end', () => resolve(Buffer.concat(chunks)))
    pack.on('error', reject)
  })
  for (const entry of entries) {
    const header = {
      name: entry.type === 'directory' ? `${entry.path}/` : entry.path,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      uname: '',
      gname: '',
      mtime: EPOCH,
      type: entry.type,
      ...(entry.linkname ? {linkname: entry.linkname} : {}),
    }
    await new Promise<void>((resolve, reject) =>
      entry.type === 'file'
        ? pack.entry(header, entry.content ?? Buffer.alloc(0), (error) => (error ? reject(error) : resolve()))
        : pack.entry(header, (error) => (error ? reject(error) : resolve())),
    )
  }
  pack.finalize()
  return done
}

const digestOf = (data: Uint8Array): string => `sha256:${createHash('sha256').update(data).digest('hex')}`

/**
 * Builds one reproducible layer. gzip comes from pako (pure JavaScript), not Node's zlib:
 * Node versions bundle different zlib builds whose output differs, and the digest must not.
 */
export async function buildLayer(source: LayerSource, baseDir: string): Promise<BuiltLayer> {
  const entries = collectEntries(source, baseDir)
  const tarball = await tarEntries(entries)
  const blob = Buffer.from(pako.gzip(tarball, {level: 6}))
  return {digest: digestOf(blob), diffId: digestOf(tarball), blob, entries: entries.length}
}

/** The content hash of one `files:` item without building it: paths, modes, owners and bytes. */
export function hashSource(source: LayerSource, baseDir: string): string {
  const hash = createHash('sha256')
  for (const entry of collectEntries(source, baseDir)) {
    hash.update(`${entry.type}\0${entry.path}\0${entry.mode}\0${entry.uid}:${entry.gid}\0${entry.linkname ?? ''}\0`)
    if (entry.content) hash.update(createHash('sha256').update(entry.content).digest())
  }
  return hash.digest('hex')
}
