import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {environmentNames} from '../../src/config/environments.js'
import {MAX_FILE_BYTES} from '../../src/config/load-source.js'
import {validateFile} from '../../src/config/validate-file.js'

const invalidDir = fileURLToPath(new URL('../fixtures/invalid', import.meta.url))
const examplesDir = fileURLToPath(new URL('../../examples', import.meta.url))

/**
 * Each broken file starts with `# expect: <line>:<column> <code> <message substring>`; an
 * optional second line `# env: <name>` validates with that environment selected. The header is
 * read as latin1 so files with invalid UTF-8 further down still yield it.
 */
function header(file: string): {location: string; code: string; message: string; env?: string} {
  const [first = '', second = ''] = readFileSync(file).toString('latin1').split('\n')
  const match = /^# expect: (\d+:\d+) (\S+) (.+)$/.exec(first)
  if (!match) throw new Error(`${file}: first line must be "# expect: <line>:<column> <code> <message>"`)
  const env = /^# env: (\S+)$/.exec(second)?.[1]
  return {location: match[1]!, code: match[2]!, message: match[3]!.trim(), ...(env ? {env} : {})}
}

const files = readdirSync(invalidDir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()

describe('the corpus of broken batch.yaml files', () => {
  it('covers at least 40 kinds of mistakes besides the semantic ones', () => {
    expect(files.filter((name) => !name.startsWith('semantic-')).length).toBeGreaterThanOrEqual(40)
  })

  it.each(files)('%s reports the expected diagnostic at the expected place', (name) => {
    const path = join(invalidDir, name)
    const expected = header(path)
    // No variables at all: fixtures must not depend on the machine's environment.
    const result = validateFile(path, {vars: {}, ...(expected.env ? {env: expected.env} : {})})
    const found = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)
    const match = result.diagnostics.find(
      (d) => `${d.line}:${d.column}` === expected.location && d.code === expected.code && d.message.includes(expected.message),
    )
    expect(match, `expected ${expected.location} ${expected.code} "${expected.message}", got:\n${found.join('\n')}`).toBeDefined()
    expect(match!.file).toBe(path)
    expect(result.config).toBeUndefined()
  })

  it('reports a file over the size limit without reading it as YAML (generated, not committed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-huge-'))
    const path = join(dir, 'batch.yaml')
    const line = 'project: genomics # padding padding padding padding padding padding\n'
    writeFileSync(path, line.repeat(Math.ceil((MAX_FILE_BYTES + 10) / line.length)))
    const result = validateFile(path, {vars: {}})
    expect(result.diagnostics).toHaveLength(1)
    expect(result.diagnostics[0]).toMatchObject({line: 1, column: 1, code: 'file-too-large'})
    expect(result.diagnostics[0]!.message).toContain('1 MiB')
  })
})

const exampleFiles = (() => {
  try {
    return readdirSync(examplesDir, {withFileTypes: true})
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(examplesDir, entry.name, 'batch.yaml'))
      .filter((file) => {
        try {
          return readFileSync(file).length > 0
        } catch {
          return false
        }
      })
  } catch {
    return []
  }
})()

describe('the examples', () => {
  // examples/ is written by another developer in parallel; until it has files there is nothing to check.
  if (exampleFiles.length === 0) it.skip('examples/*/batch.yaml (none yet)', () => {})
  else
    it.each(exampleFiles)('%s validates without diagnostics, alone and with each of its environments', (file) => {
      const root = parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      for (const env of [undefined, ...environmentNames(root)]) {
        const result = validateFile(file, {vars: {}, ...(env ? {env} : {})})
        expect(result.diagnostics.map((d) => `${env ?? '(base)'} ${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([])
        expect(result.config).toBeDefined()
      }
    })
})
