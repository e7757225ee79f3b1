import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {MAX_FILE_BYTES, firstInvalidUtf8, readSource} from '../../src/config/load-source.js'

function tempFile(content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-source-'))
  const path = join(dir, 'batch.yaml')
  writeFileSync(path, content)
  return path
}

describe('readSource', () => {
  it('returns the text of a UTF-8 file', () => {
    const read = readSource(tempFile('project: café\n'))
    expect(read).toEqual({ok: true, text: 'project: café\n'})
  })

  it('replaces a UTF-8 byte order mark by a space so columns stay right', () => {
    const read = readSource(tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('project: x\n')])))
    expect(read).toEqual({ok: true, text: ' project: x\n'})
  })

  it('throws a UserError suggesting `batchctl init` for a missing file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'batchctl-source-')), 'batch.yaml')
    let caught: unknown
    try {
      readSource(path)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UserError)
    expect((caught as UserError).message).toBe(`${path} not found`)
    expect((caught as UserError).hints.join(' ')).toContain('batchctl init')
  })

  it('throws a UserError for a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-source-'))
    mkdirSync(join(dir, 'batch.yaml'))
    expect(() => readSource(join(dir, 'batch.yaml'))).toThrow(/is a directory/)
  })

  it('accepts a file of exactly the size limit and refuses one byte more', () => {
    const exact = readSource(tempFile('#'.repeat(MAX_FILE_BYTES)))
    expect(exact.ok).toBe(true)
    const over = readSource(tempFile('#'.repeat(MAX_FILE_BYTES + 1)))
    expect(over).toMatchObject({ok: false, problem: {code: 'file-too-large', line: 1, column: 1}})
  })

  it('stops reading at the limit: a device that never ends is refused, not loaded', () => {
    const read = readSource('/dev/zero')
    expect(read).toMatchObject({ok: false, problem: {code: 'file-too-large'}})
  })

  it('locates the first NUL byte of a binary file', () => {
    const read = readSource(tempFile(Buffer.from('project: x\nab\u0000cd\n')))
    expect(read).toMatchObject({ok: false, problem: {code: 'binary-file', line: 2, column: 3}})
  })

  it('recognises UTF-16 by its byte order mark', () => {
    const read = readSource(tempFile(Buffer.from('\ufeffproject: x\n', 'utf16le')))
    expect(read).toMatchObject({ok: false, problem: {code: 'not-utf8', message: expect.stringContaining('UTF-16')}})
  })

  it('locates the first invalid UTF-8 byte', () => {
    const read = readSource(tempFile(Buffer.concat([Buffer.from('a: 1\nb: é'), Buffer.from([0xff]), Buffer.from('\n')])))
    // Columns count UTF-16 units of the valid prefix: "b: é" is 4 long, so the bad byte is column 5.
    expect(read).toMatchObject({ok: false, problem: {code: 'not-utf8', line: 2, column: 5}})
  })
})

describe('firstInvalidUtf8', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values)

  it('accepts well-formed sequences of every length', () => {
    expect(firstInvalidUtf8(Buffer.from('aé€😀'))).toBe(-1)
  })

  it.each([
    ['a lone continuation byte', bytes(0x61, 0x80), 1],
    ['an overlong encoding of "/"', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['a UTF-16 surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a sequence cut short at the end', bytes(0x61, 0xe2, 0x82), 1],
    ['a sequence interrupted by ASCII', bytes(0xe2, 0x41, 0x82), 0],
  ])('rejects %s', (_name, input, offset) => {
    expect(firstInvalidUtf8(input)).toBe(offset)
  })

  it('agrees with the strict TextDecoder on every two-byte input', () => {
    const decoder = new TextDecoder('utf-8', {fatal: true})
    for (let a = 0x80; a < 0x100; a++) {
      for (const b of [0x00, 0x41, 0x80, 0xa0, 0xbf, 0xc0, 0xff]) {
        const input = bytes(a, b)
        let valid = true
        try {
          decoder.decode(input)
        } catch {
          valid = false
        }
        expect(firstInvalidUtf8(input) === -1, `bytes ${a.toString(16)} ${b.toString(16)}`).toBe(valid)
      }
    }
  })
})
