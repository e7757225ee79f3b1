import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {projectNameFromDirectory} from '../../src/config/init/project-name.js'
import {checkSemantics} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {runCli} from '../helpers/cli.js'

// Runs the built CLI (dist/): `npm run build` first, as `npm test` does.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020
const ajv = new Ajv2020({strict: true, allErrors: true})
addFormats(ajv)
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schema/batch.schema.json', import.meta.url), 'utf8')) as object)

function tempDir(name = 'batchctl-init-'): string {
  return mkdtempSync(join(tmpdir(), name))
}

describe('batchctl init', () => {
  it.each(['fargate', 'spot', 'ec2'])('writes a %s starter that passes the schema and the semantic checks', async (compute) => {
    const dir = tempDir()
    const result = await runCli(['init', '--compute', compute, '--project', 'genomics'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toContain('Wrote batch.yaml for project "genomics"')
    const text = readFileSync(join(dir, 'batch.yaml'), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/batchctl/schema/batch.schema.json')
    const config = parse(text) as BatchConfig
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true)
    expect(checkSemantics(config, {baseDir: dir})).toEqual([])
    expect(config.project).toBe('genomics')
    const types = Object.values(config.computeEnvironments ?? {}).map((ce) => ce?.type)
    expect(types).toEqual([{fargate: 'FARGATE_SPOT', spot: 'SPOT', ec2: 'EC2'}[compute]])
    // And as the user would check it: the validate command accepts it as written.
    const validated = await runCli(['validate'], {cwd: dir})
    expect(validated.code, validated.stderr).toBe(0)
  })

  it('names the project after the directory by default', async () => {
    const dir = tempDir('My_Pipeline ')
    const result = await runCli(['init'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    const config = parse(readFileSync(join(dir, 'batch.yaml'), 'utf8')) as BatchConfig
    expect(config.project).toBe(projectNameFromDirectory(dir))
    expect(config.project).toMatch(/^my-pipeline-/)
  })

  it('refuses to overwrite an existing file without --force, and replaces it with --force', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'batch.yaml'), 'project: mine\n')
    const refused = await runCli(['init', '--project', 'genomics'], {cwd: dir})
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('batch.yaml already exists; not overwriting it.')
    expect(refused.stderr).toContain('--force')
    expect(readFileSync(join(dir, 'batch.yaml'), 'utf8')).toBe('project: mine\n')

    const forced = await runCli(['init', '--project', 'genomics', '--force'], {cwd: dir})
    expect(forced.code, forced.stderr).toBe(0)
    expect(forced.stdout).toContain('Replaced batch.yaml')
    expect(readFileSync(join(dir, 'batch.yaml'), 'utf8')).toContain('project: genomics')
  })

  it('writes to --file, creating folders, and reports with --json', async () => {
    const dir = tempDir()
    const result = await runCli(['init', '--file', 'deploy/batch.yaml', '--project', 'ml', '--compute', 'spot', '--json'], {cwd: dir})
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      file: 'deploy/batch.yaml',
      project: 'ml',
      compute: 'spot',
      overwritten: false,
      placeholders: ['defaults.subnets', 'defaults.securityGroups'],
    })
    expect(readFileSync(join(dir, 'deploy', 'batch.yaml'), 'utf8')).toContain('type: SPOT')
  })

  it('rejects an invalid project name and an unknown compute kind', async () => {
    const dir = tempDir()
    const badName = await runCli(['init', '--project', 'My Project'], {cwd: dir})
    expect(badName.code).toBe(1)
    expect(badName.stderr).toContain('"My Project" is not a valid project name.')
    expect(badName.stderr).toContain('e.g. "my-project"')
    const badCompute = await runCli(['init', '--compute', 'lambda'], {cwd: dir})
    expect(badCompute.code).not.toBe(0)
    expect(badCompute.stderr).toContain('lambda')
  })
})

describe('projectNameFromDirectory', () => {
  it.each([
    ['/src/genomics', 'genomics'],
    ['/src/My_Genomics Pipeline', 'my-genomics-pipeline'],
    ['/src/2024-reports', 'reports'],
    ['/src/___', 'batch'],
    [`/src/${'x'.repeat(40)}`, 'x'.repeat(32)],
  ])('%s → %s', (dir, name) => {
    expect(projectNameFromDirectory(dir)).toBe(name)
  })
})
