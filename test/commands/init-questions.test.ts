import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {askInit, InitCancelledError} from '../../src/config/init/ask-init.js'
import type {InitQuestionContext} from '../../src/config/init/ask-init.js'
import {checkCompute, checkIds, checkKey, checkProject, checkTimeZone, SECURITY_GROUP, SUBNET} from '../../src/config/init/init-answers.js'
import {readlinePrompter} from '../../src/config/init/readline-prompter.js'
import type {StarterOptions} from '../../src/config/init/starter-config.js'
import {writeStarterConfig} from '../../src/config/init/write-starter.js'
import {validateFile} from '../../src/config/validate-file.js'
import {desiredModel} from '../../src/desired/index.js'

/**
 * The init question flow over real streams (what readline gets from a pipe), with scripted
 * answers, and the file it leads to checked the way `batchctl validate` checks it.
 */
const context: InitQuestionContext = {defaultProject: 'from-folder', defaultTimeZone: 'Europe/Berlin'}

/** Runs the questions with `answers` as typed lines (all sent at once, then end of input). */
async function answer(lines: string[], ctx: InitQuestionContext = context): Promise<{options?: StarterOptions; error?: unknown; transcript: string}> {
  const input = new PassThrough()
  const output = new PassThrough()
  let transcript = ''
  output.on('data', (chunk: Buffer) => (transcript += chunk.toString()))
  const prompter = readlinePrompter({input, output})
  input.end(lines.map((line) => `${line}\n`).join(''))
  try {
    return {options: await askInit(prompter, ctx), transcript}
  } catch (error) {
    return {error, transcript}
  } finally {
    prompter.close()
  }
}

/** Writes the options into a temp folder and validates the file (schema + semantics). */
function writeAndValidate(options: StarterOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-init-q-'))
  const result = writeStarterConfig({...options, file: 'batch.yaml', force: false, cwd: dir})
  const path = join(dir, 'batch.yaml')
  return {result, text: readFileSync(path, 'utf8'), validation: validateFile(path)}
}

describe('init questions', () => {
  it('takes every default on Enter: folder name, fargate, default/hello, placeholders, no schedule', async () => {
    const {options, transcript} = await answer(['', '', '', '', '', '', ''])
    expect(options).toEqual({project: 'from-folder', compute: 'fargate', queue: 'default', job: 'hello', subnets: [], securityGroups: [], nightlyTimezone: undefined})
    expect(transcript).toContain('Project name (lower-case; prefixes every AWS name) [from-folder]: ')
    // Each compute kind on its own line with its explanation.
    expect(transcript).toMatch(/1\. fargate +Fargate Spot: serverless/)
    expect(transcript).toMatch(/2\. spot +EC2 Spot: .*can be interrupted/)
    expect(transcript).toMatch(/3\. ec2 +EC2 On-Demand: /)
    expect(transcript).not.toContain('Time zone')
    const {text, validation, result} = writeAndValidate(options!)
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/batchctl/schema/batch.schema.json')
    expect(validation.diagnostics).toEqual([])
    expect(result.placeholders).toEqual(['defaults.subnets', 'defaults.securityGroups', 'defaults.executionRole'])
  })

  it('uses the answers given, and the file holds them and validates', async () => {
    const {options} = await answer(['genomics', '2', 'spot-queue', 'align_reads', 'subnet-0abc1234, subnet-0a1b2c3d4e5f60718', 'sg-0abc1234', 'y', 'America/New_York'])
    expect(options).toEqual({
      project: 'genomics',
      compute: 'spot',
      queue: 'spot-queue',
      job: 'align_reads',
      subnets: ['subnet-0abc1234', 'subnet-0a1b2c3d4e5f60718'],
      securityGroups: ['sg-0abc1234'],
      nightlyTimezone: 'America/New_York',
    })
    const {text, validation, result} = writeAndValidate(options!)
    expect(validation.diagnostics).toEqual([])
    const config = validation.config!
    expect(config.project).toBe('genomics')
    expect(config.computeEnvironments?.spot?.type).toBe('SPOT')
    expect(config.jobQueues?.['spot-queue']?.computeEnvironments).toEqual(['spot'])
    expect(config.defaults?.queue).toBe('spot-queue')
    expect(config.defaults?.subnets).toEqual(['subnet-0abc1234', 'subnet-0a1b2c3d4e5f60718'])
    expect(config.schedules?.nightly).toMatchObject({cron: '0 2 * * ? *', timezone: 'America/New_York', submit: {job: 'align_reads'}})
    // EC2 Spot with real IDs: only the scheduler role is left to fill in.
    expect(result.placeholders).toEqual(['defaults.scheduleRole'])
    expect(text.match(/REPLACE_ME/g)).toHaveLength(1)
    // And the plan stage can build it: the schedule has its (placeholder) role.
    const model = desiredModel(config)
    expect(JSON.stringify(model)).toContain('genomics-nightly')
  })

  it('re-asks a bad answer with the reason, for each question', async () => {
    const {options, transcript} = await answer([
      'My Project', 'genomics',
      'lambda', '4', 'EC2',
      'queue.prod', 'prod',
      `${'j'.repeat(65)}`, 'hello',
      'subnet-xyz', 'subnet-0abc1234,subnet-0abc1234', 'subnet-0abc1234',
      'sg-12', '',
      'maybe', 'yes',
      'Europe/Berln', 'UTC',
    ])
    expect(options).toEqual({project: 'genomics', compute: 'ec2', queue: 'prod', job: 'hello', subnets: ['subnet-0abc1234'], securityGroups: [], nightlyTimezone: 'UTC'})
    const refusals = transcript.split('\n').filter((line) => line.startsWith('  ✗ '))
    expect(refusals).toEqual([
      '  ✗ "My Project" is not a project name: lower-case letters, digits and hyphens, starting with a letter, at most 32 (e.g. "my-project")',
      '  ✗ "lambda" is not one of the choices: answer 1-3 or fargate, spot, ec2',
      '  ✗ "4" is not one of the choices: answer 1-3 or fargate, spot, ec2',
      '  ✗ "queue.prod" is not a valid name: use letters, numbers, hyphens and underscores, starting with a letter or number',
      `  ✗ "${'j'.repeat(65)}" has 65 characters; at most 64`,
      '  ✗ "subnet-xyz" is not a subnet ID: expected subnet- and 8 or 17 hexadecimal characters, e.g. subnet-0abc1234',
      '  ✗ subnet-0abc1234 is listed twice',
      '  ✗ "sg-12" is not a security group ID: expected sg- and 8 or 17 hexadecimal characters, e.g. sg-0abc1234',
      '  ✗ answer yes or no (y/n)',
      '  ✗ "Europe/Berln" is not an IANA time zone; did you mean Europe/Berlin?',
    ])
    // The question is asked again after each refusal: the project question twice.
    expect(transcript.split('Project name').length - 1).toBe(2)
    expect(writeAndValidate(options!).validation.diagnostics).toEqual([])
  })

  it('skips the questions answered by flags', async () => {
    const {options, transcript} = await answer(['', '', '', '', ''], {...context, project: 'flagged', compute: 'spot'})
    expect(options).toMatchObject({project: 'flagged', compute: 'spot', queue: 'default', job: 'hello'})
    expect(transcript).not.toContain('Project name')
    expect(transcript).not.toContain('Compute')
  })

  it('ends without options when input ends (Ctrl-D) before the last answer', async () => {
    const {error, transcript} = await answer(['genomics', 'spot'])
    expect(error).toBeInstanceOf(InitCancelledError)
    expect((error as Error).message).toBe('init cancelled; nothing was written.')
    expect(transcript).toContain('Job queue name [default]: ')
  })

  it('keeps lines that arrive before their question (pasted answers)', async () => {
    // All answers are in the stream before the first question is asked (see answer()); none is lost.
    const {options} = await answer(['p1', 'ec2', 'q1', 'j1', '', '', 'n'])
    expect(options).toMatchObject({project: 'p1', compute: 'ec2', queue: 'q1', job: 'j1'})
  })
})

describe('init answers', () => {
  it('checks queue and job names against the AWS rule for the physical name <project>-<key>', () => {
    expect(checkKey('a_b-1', 'jobQueue', 'genomics')).toEqual({ok: true, value: 'a_b-1'})
    expect(checkKey('-lead', 'jobQueue', 'genomics').ok).toBe(false)
    expect(checkKey('ü', 'jobDefinition', 'genomics').ok).toBe(false)
    expect(checkKey('  padded ', 'jobDefinition', 'genomics')).toEqual({ok: true, value: 'padded'})
  })

  it('accepts 8- and 17-character EC2 IDs, separated by commas or blanks, and none at all', () => {
    // EC2 resource IDs: prefix and 8 or 17 hex characters (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html).
    expect(checkIds('subnet-0abc1234 subnet-0a1b2c3d4e5f60718', SUBNET)).toEqual({ok: true, value: ['subnet-0abc1234', 'subnet-0a1b2c3d4e5f60718']})
    expect(checkIds(' , ', SUBNET)).toEqual({ok: true, value: []})
    expect(checkIds('sg-0ABC1234', SECURITY_GROUP).ok).toBe(false)
    expect(checkIds('subnet-0abc1234', SECURITY_GROUP).ok).toBe(false)
  })

  it('takes compute kinds by number or name, and time zones the runtime knows', () => {
    expect(checkCompute(' 1 ')).toEqual({ok: true, value: 'fargate'})
    expect(checkCompute('Spot')).toEqual({ok: true, value: 'spot'})
    expect(checkCompute('0').ok).toBe(false)
    expect(checkTimeZone('Asia/Tokyo')).toEqual({ok: true, value: 'Asia/Tokyo'})
    expect(checkTimeZone('+02:00').ok).toBe(false)
  })

  it('any accepted answers give a file that passes the schema and the semantic checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchctl-init-prop-'))
    const path = join(dir, 'batch.yaml')
    const hex = (n: number) => fc.string({unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n})
    const id = (prefix: string) => fc.oneof(hex(8), hex(17)).map((h) => `${prefix}${h}`)
    const key = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/),
        fc.constantFrom('fargate', 'spot', 'ec2'),
        key,
        key,
        fc.uniqueArray(id('subnet-'), {maxLength: 3}),
        fc.uniqueArray(id('sg-'), {maxLength: 2}),
        fc.option(fc.constantFrom('UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1'), {nil: undefined}),
        (project, compute, queue, job, subnets, securityGroups, zone) => {
          // Only answers the questions accept reach the file.
          fc.pre(checkProject(project).ok && checkKey(queue, 'jobQueue', project).ok && checkKey(job, 'jobDefinition', project).ok)
          writeFileSync(path, '')
          const result = writeStarterConfig({project, compute: compute as StarterOptions['compute'], queue, job, subnets, securityGroups, nightlyTimezone: zone, file: 'batch.yaml', force: true, cwd: dir})
          const validation = validateFile(path)
          expect(validation.diagnostics).toEqual([])
          const raw = parse(readFileSync(path, 'utf8')) as Record<string, unknown>
          expect(raw.project).toBe(project)
          expect(Object.keys(raw.jobQueues as object)).toEqual([queue])
          expect(Object.keys(raw.jobDefinitions as object)).toEqual([job])
          expect(readFileSync(path, 'utf8').includes('REPLACE_ME')).toBe(result.placeholders.length > 0)
        },
      ),
      {numRuns: 60},
    )
  })
})
