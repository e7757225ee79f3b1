import {describe, expect, it} from 'vitest'

import {requireTmux, startTmux} from '../helpers/tmux.js'

describe('tmux helper', () => {
  it('fails with a clear message when tmux is missing, rather than skipping', () => {
    expect(() => requireTmux('tmux-is-not-installed-here')).toThrow(/tmux is required for the real-terminal tests in test\/tui \(install it/)
  })

  it('runs a command at the requested size and reports its exit status', async () => {
    const session = await startTmux(['sh', '-c', 'echo "$(tput lines) $(tput cols)"; printf "it\'s %s\\n" "quoted"; exit 3'], {columns: 60, rows: 10})
    try {
      expect(await session.waitForExit()).toBe(3)
      const screen = await session.capture()
      expect(screen).toContain('10 60')
      expect(screen).toContain("it's quoted")
    } finally {
      await session.kill()
    }
  })

  it('passes and removes environment variables', async () => {
    const session = await startTmux(['sh', '-c', 'echo "A=$A B=${B-unset}"; exit 0'], {env: {A: 'one two', B: undefined}})
    try {
      await session.waitForExit()
      expect(await session.capture()).toContain('A=one two B=unset')
    } finally {
      await session.kill()
    }
  })

  it('sends keys to the command: Ctrl-C ends it with 128 + SIGINT', async () => {
    const session = await startTmux(['sh', '-c', 'echo ready; sleep 30; echo not interrupted'])
    try {
      await session.waitForText('ready')
      expect(await session.exitStatus()).toBeUndefined()
      await session.sendKeys('C-c')
      expect(await session.waitForExit()).toBe(130)
      expect(await session.capture()).not.toContain('not interrupted')
    } finally {
      await session.kill()
    }
  })
})
