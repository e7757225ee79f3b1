import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'
import {parse} from 'yaml'

import {binPath, runCli} from '../helpers/cli.js'
import {startTmux, type TmuxSession} from '../helpers/tmux.js'

/**
 * `batchctl init` in a real terminal (tmux, 100×30): the built CLI asks its questions with
 * readline on a TTY, a user types the answers, one of them wrong. Runs dist/ (`npm run build`).
 */
// As a user's shell would have it: no CI (init would not ask), production (oclif loads dist/).
const env = {CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_ENV: 'production'}

let session: TmuxSession | undefined
let dir: string | undefined
afterEach(async () => {
  await session?.kill()
  session = undefined
  if (dir) rmSync(dir, {recursive: true, force: true})
  dir = undefined
})

/** Types one answer once its question is on screen. */
async function reply(s: TmuxSession, question: string | RegExp, text: string): Promise<string> {
  const screen = await s.waitForText(question)
  if (text !== '') await s.type(text)
  await s.sendKeys('Enter')
  return screen
}

describe('batchctl init in a real terminal', () => {
  it('asks, re-asks a refused answer with the reason, and writes a file that validates', async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchctl-init-tui-'))
    session = await startTmux([process.execPath, binPath, 'init'], {columns: 100, rows: 30, cwd: dir, env})
    const s = session
    const first = await reply(s, /Project name \(lower-case; prefixes every AWS name\) \[[a-z0-9-]+\]:\s*$/m, 'Genomics Lab')
    expect(first).toContain('A few questions for your batch.yaml')
    await s.waitForText('✗ "Genomics Lab" is not a project name')
    // Asked again, below the reason.
    const again = await reply(s, /✗ "Genomics Lab"[\s\S]*\nProject name [^\n]*\]:\s*$/, 'genomics')
    expect(again).toContain('(e.g. "genomics-lab")')
    const compute = await reply(s, 'Compute (1-3 or name) [fargate]:', '2')
    expect(compute).toMatch(/2\. spot +EC2 Spot/)
    await reply(s, 'Job queue name [default]:', 'work')
    await reply(s, 'Job definition name [hello]:', '')
    await reply(s, 'Subnet IDs, comma-separated', 'subnet-0abc1234, subnet-0def5678')
    await reply(s, 'Security group IDs, comma-separated', '')
    await reply(s, 'Add a schedule that runs hello every night at 02:00? (y/n) [n]:', 'y')
    await reply(s, /Time zone of the schedule \[[^\]]+\]:\s*$/m, 'Europe/Berlin')
    const done = await s.waitForText('Wrote batch.yaml for project "genomics" (spot).')
    expect(done).toContain('Next: replace the REPLACE_ME values (defaults.securityGroups, defaults.scheduleRole)')
    expect(await s.waitForExit()).toBe(0)

    const text = readFileSync(join(dir, 'batch.yaml'), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/batchctl/schema/batch.schema.json')
    const config = parse(text) as {project: string; defaults: {queue: string; subnets: string[]}; jobQueues: object; schedules: {nightly: {timezone: string}}}
    expect(config.project).toBe('genomics')
    expect(config.defaults.queue).toBe('work')
    expect(config.defaults.subnets).toEqual(['subnet-0abc1234', 'subnet-0def5678'])
    expect(Object.keys(config.jobQueues)).toEqual(['work'])
    expect(config.schedules.nightly.timezone).toBe('Europe/Berlin')
    // As the user would check it next.
    const validated = await runCli(['validate'], {cwd: dir})
    expect(validated.code, validated.stderr).toBe(0)
  })

  it('Ctrl-C at a question cancels and writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchctl-init-tui-'))
    session = await startTmux([process.execPath, binPath, 'init'], {columns: 100, rows: 30, cwd: dir, env})
    await reply(session, /Project name .*\]:\s*$/m, 'genomics')
    await session.waitForText('Compute (1-3 or name) [fargate]:')
    await session.sendKeys('C-c')
    const screen = await session.waitForText('init cancelled; nothing was written.')
    expect(screen).toContain('pass --project and --compute to skip the questions')
    expect(await session.waitForExit()).toBe(1)
    expect(existsSync(join(dir, 'batch.yaml'))).toBe(false)
  })

  it('with --project and --compute asks nothing on a terminal', async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchctl-init-tui-'))
    session = await startTmux([process.execPath, binPath, 'init', '--project', 'quiet', '--compute', 'ec2'], {columns: 100, rows: 30, cwd: dir, env})
    expect(await session.waitForExit()).toBe(0)
    const screen = await session.capture()
    expect(screen).toContain('Wrote batch.yaml for project "quiet" (ec2).')
    expect(screen).not.toContain('?')
    expect(readFileSync(join(dir, 'batch.yaml'), 'utf8')).toContain('type: EC2')
  })
  it('refuses an existing file before asking anything', async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchctl-init-tui-'))
    writeFileSync(join(dir, 'batch.yaml'), 'project: mine\n')
    session = await startTmux([process.execPath, binPath, 'init'], {columns: 100, rows: 30, cwd: dir, env})
    expect(await session.waitForExit()).toBe(1)
    const screen = await session.capture()
    expect(screen).toContain('batch.yaml already exists; not overwriting it.')
    expect(screen).not.toContain('Project name')
    expect(readFileSync(join(dir, 'batch.yaml'), 'utf8')).toBe('project: mine\n')
  })
})
