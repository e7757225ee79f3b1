import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {repoRoot} from '../helpers/cli.js'
import {startTmux, type TmuxSession} from '../helpers/tmux.js'

/**
 * The live apply view and the confirmation prompt in a real terminal (tmux, 80×24): what a user
 * sees, including cursor movement, redraws and Ctrl-C, which component tests cannot show.
 */
const fixture = (name: string) => join(repoRoot, 'test/tui/fixtures', name)

// As a user's shell would have it: no CI (Ink would print frames instead of redrawing), no
// colour overrides from the test runner.
const env = {CI: undefined, CONTINUOUS_INTEGRATION: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, NODE_ENV: 'production'}

let session: TmuxSession | undefined
let dir: string | undefined
afterEach(async () => {
  await session?.kill()
  session = undefined
  if (dir) rmSync(dir, {recursive: true, force: true})
  dir = undefined
})

async function showApply(script: string) {
  dir = mkdtempSync(join(tmpdir(), 'batchctl-tui-'))
  const go = join(dir, 'go')
  session = await startTmux([process.execPath, '--import', 'tsx', fixture('show-apply.tsx'), script, go], {columns: 80, rows: 24, cwd: repoRoot, env})
  return {session, go: () => writeFileSync(go, '')}
}

// At 80 columns the line wraps: the elapsed time stays on the first line, "(CREATING)" moves down.
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] create compute environment spot \(genomics-spot\)\s+waiting for VALID\s+\d+(\.\d)?s\s+\(CREATING\)/

describe('ApplyView in a real terminal', () => {
  it('shows steps, a turning spinner while waiting, then every step done and the summary', async () => {
    const {session, go} = await showApply('success')
    // The fixture holds here until told to go on: the job definition done, the CE waiting.
    await session.waitForText(/✓ register revision of job definition align \(genomics-align\)\s+1\.4s/)
    const waiting = await session.waitForText(SPINNER)
    expect(waiting.startsWith('Applying 5 steps\n')).toBe(true)
    expect(waiting).toContain('· create job queue default (genomics-default)')
    // The spinner animates: some later screen shows another frame.
    const frame = waiting.match(SPINNER)![0][0]
    await session.waitForText(new RegExp(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏](?<!${frame}) create compute environment spot`))
    go()
    const screen = await session.waitForText('Apply complete: 5 steps done in 1m15s.')
    expect(await session.waitForExit()).toBe(0)
    const final = await session.capture()
    // Each step exactly once: Static lines were printed once and redraws did not duplicate them.
    for (const step of ['register revision of job definition align', 'create compute environment spot', 'create job queue default', 'disable compute environment genomics-legacy', 'delete compute environment genomics-legacy']) {
      expect(final.split(step).length - 1, step).toBe(1)
      expect(final).toMatch(new RegExp(`✓ ${step}`))
    }
    expect(final).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/)
    expect(screen).not.toContain('·')
  })

  it('shows a failed step with its error and the re-run hint', async () => {
    const {session, go} = await showApply('failure')
    await session.waitForText('waiting for VALID')
    go()
    const screen = await session.waitForText('re-run `batchctl apply` to continue')
    expect(screen).toContain('✗ create job queue default (genomics-default)')
    expect(screen).toContain('job queue genomics-default is INVALID: CLIENT_ERROR')
    expect(screen).toContain('Apply failed: 2 done, 1 failed, 2 not started (13s).')
  })

  it('on Ctrl-C says running steps are stopping, then that apply was interrupted', async () => {
    const {session} = await showApply('interruption')
    await session.waitForText(SPINNER)
    await session.sendKeys('C-c')
    const screen = await session.waitForText('Apply interrupted: 2 done, 0 failed, 3 not started')
    expect(screen).toContain('re-run `batchctl apply` to continue')
    expect(screen).toContain('✓ create compute environment spot (genomics-spot)')
    expect(await session.waitForExit()).toBe(0)
  })
})

describe('plan and confirmation in a real terminal', () => {
  const confirmPlan = () => startTmux([process.execPath, '--import', 'tsx', fixture('confirm-plan.tsx')], {columns: 80, rows: 24, cwd: repoRoot, env})

  it('shows the coloured plan and applies only on "yes"', async () => {
    session = await confirmPlan()
    await session.waitForText("Apply these changes? Only 'yes' is accepted.")
    const coloured = await session.capture({escapes: true})
    // Terminal colours as the brief promises: + green, -/+ magenta, - red (SGR 32, 35, 31).
    const gap = '(?:\\s|\u001B\\[[\\d;]*m)*'
    expect(coloured).toMatch(new RegExp(`\u001B\\[32m${gap}\\+${gap}\u001B\\[32mdefault`))
    expect(coloured).toMatch(new RegExp(`\u001B\\[35m${gap}-/\\+${gap}\u001B\\[35mspot`))
    expect(coloured).toMatch(new RegExp(`\u001B\\[31m${gap}-${gap}\u001B\\[31mgenomics-orphan`))
    expect(await session.capture()).toContain('Plan: 1 to add, 0 to change, 1 to replace, 1 to destroy.')
    await session.type('yes')
    await session.sendKeys('Enter')
    await session.waitForText('answer: true')
    expect(await session.waitForExit()).toBe(0)
  })

  it('refuses anything but "yes"', async () => {
    session = await confirmPlan()
    await session.waitForText('Enter a value:')
    await session.type('y')
    await session.sendKeys('Enter')
    await session.waitForText('answer: false')
  })

  it('answers no on Ctrl-C and on Ctrl-D', async () => {
    session = await confirmPlan()
    await session.waitForText('Enter a value:')
    await session.sendKeys('C-c')
    await session.waitForText('answer: false')
    await session.kill()
    session = await confirmPlan()
    await session.waitForText('Enter a value:')
    await session.sendKeys('C-d')
    await session.waitForText('answer: false')
  })

  it('honours NO_COLOR', async () => {
    session = await startTmux([process.execPath, '--import', 'tsx', fixture('confirm-plan.tsx')], {columns: 80, rows: 24, cwd: repoRoot, env: {...env, NO_COLOR: '1'}})
    await session.waitForText('Enter a value:')
    // No foreground colour at all (SGR 30-39), while the plan is on screen.
    const screen = await session.capture({escapes: true})
    expect(screen).toContain('Plan: 1 to add')
    expect(screen).not.toContain('\u001B[3')
  })
})
