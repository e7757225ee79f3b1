import {closeSync, fstatSync, openSync, readSync} from 'node:fs'

import {UserError} from '../errors.js'
import type {Diagnostic} from './diagnostic.js'

/** Largest batch.yaml we read. Real files are a few KiB; anything bigger is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024

/** A problem found before YAML parsing, located by byte offset into the raw file. */
export interface SourceProblem extends Diagnostic {
  /** 1-based line and column of the problem (the decoded text may not exist). */
  line: number
  column: number
}

/** The outcome of reading a file: its text, or one problem explaining why there is none. */
export type SourceRead = {ok: true; text: string} | {ok: false; problem: SourceProblem}

/**
 * Reads a batch.yaml as strict UTF-8 text. Reads at most MAX_FILE_BYTES + 1 bytes so a huge file
 * (or a device like /dev/zero) never gets loaded whole. A missing file is a UserError: there is
 * nothing to point at, only a next step.
 */
export function readSource(path: string): SourceRead {
  const bytes = readCapped(path)
  if (bytes.length > MAX_FILE_BYTES) {
    return fail('file-too-large', `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; batch.yaml is expected to be a small text file`)
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return fail('not-utf8', 'file is encoded as UTF-16; batch.yaml must be UTF-8', {hint: 'save the file as UTF-8'})
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    const {line, column} = positionOfByte(bytes, nul)
    return fail('binary-file', 'file contains NUL bytes; it looks like a binary file, not YAML', {line, column})
  }
  const bad = firstInvalidUtf8(bytes)
  if (bad !== -1) {
    const {line, column} = positionOfByte(bytes, bad)
    return fail('not-utf8', `file is not valid UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')})`, {
      line,
      column,
      hint: 'save the file as UTF-8',
    })
  }
  let text = bytes.toString('utf8')
  // A UTF-8 byte order mark is harmless but would shift every column on the first line.
  if (text.charCodeAt(0) === 0xfeff) text = ' ' + text.slice(1)
  return {ok: true, text}
}

function fail(code: string, message: string, extra: {line?: number; column?: number; hint?: string} = {}): SourceRead {
  const problem: SourceProblem = {code, message, path: [], line: extra.line ?? 1, column: extra.column ?? 1}
  if (extra.hint) problem.hint = extra.hint
  return {ok: false, problem}
}

function readCapped(path: string): Buffer {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw notReadable(path, error)
  }
  try {
    if (fstatSync(fd).isDirectory()) {
      throw new UserError(`${path} is a directory, not a batch.yaml file`, {code: 'config-not-found', hints: ['pass the file itself with --file']})
    }
    const limit = MAX_FILE_BYTES + 1
    const buffer = Buffer.alloc(limit)
    let filled = 0
    while (filled < limit) {
      const read = readSync(fd, buffer, filled, limit - filled, null)
      if (read === 0) break
      filled += read
    }
    return buffer.subarray(0, filled)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw notReadable(path, error)
  } finally {
    closeSync(fd)
  }
}

function notReadable(path: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOENT') {
    return new UserError(`${path} not found`, {
      code: 'config-not-found',
      hints: ['run `batchctl init` to create a batch.yaml, or pass another file with --file'],
      cause: error,
    })
  }
  if (code === 'EISDIR') {
    return new UserError(`${path} is a directory, not a batch.yaml file`, {code: 'config-not-found', hints: ['pass the file itself with --file'], cause: error})
  }
  return new UserError(`cannot read ${path}: ${(error as Error).message}`, {code: 'config-unreadable', cause: error})
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let min: number
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80]
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800]
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000]
    else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i
    i += need + 1
  }
  return -1
}

/** 1-based line and column (UTF-16 units, like the YAML positions) of a byte offset. */
function positionOfByte(bytes: Buffer, offset: number): {line: number; column: number} {
  const before = bytes.subarray(0, offset).toString('utf8')
  const lineStart = before.lastIndexOf('\n') + 1
  let line = 1
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++
  return {line, column: before.length - lineStart + 1}
}
