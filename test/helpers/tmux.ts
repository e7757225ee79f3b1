import {execFile, execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

/**
 * A real terminal for tests: a detached tmux session of a fixed size running one command.
 * Each session gets its own tmux server (a socket in a temp dir), so tests never touch a
 * developer's tmux and a kill removes everything they started.
 */
export interface TmuxSession {
  /** Keys as tmux names them (`Enter`, `C-c`, `Up`); plain text is typed literally with `type`. */
  sendKeys(...keys: string[]): Promise<void>
  /** Types text literally (no key-name lookup). */
  type(text: string): Promise<void>
  /** The visible screen; with `escapes`, colours and attributes as SGR escape sequences. */
  capture(options?: {escapes?: boolean}): Promise<string>
  /** Polls the screen until it matches; throws with the last screen after `timeoutMs`. */
  waitForText(pattern: string | RegExp, options?: {timeoutMs?: number; escapes?: boolean}): Promise<string>
  /** Exit status once the command has ended (128 + n when killed by signal n), undefined while it runs; the screen stays. */
  exitStatus(): Promise<number | undefined>
  /** Waits for the command to end and returns its exit status. */
  waitForExit(timeoutMs?: number): Promise<number>
  kill(): Promise<void>
}

export interface TmuxOptions {
  columns?: number
  rows?: number
  cwd?: string
  /** Variables to set for the command; `undefined` removes one inherited from the test process. */
  env?: Record<string, string | undefined>
}

const TMUX = 'tmux'
/** Pane title prefix the wrapper shell sets to the command's exit status. */
const EXIT_TITLE = 'batchctl-test-exit:'

/** Fails with a clear message when tmux is missing: real-terminal tests never silently skip. */
export function requireTmux(binary = TMUX): void {
  try {
    execFileSync(binary, ['-V'], {stdio: 'pipe'})
  } catch (error) {
    throw new Error(
      `tmux is required for the real-terminal tests in test/tui (install it: apt-get install tmux, brew install tmux); running "${binary} -V" failed: ${(error as Error).message}`,
    )
  }
}

/** POSIX shell quoting, for the one command line tmux hands to the shell. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`
}

/** Starts `command` (argv) in a new detached session of `columns` × `rows`. */
export async function startTmux(command: string[], options: TmuxOptions = {}): Promise<TmuxSession> {
  requireTmux()
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-tmux-'))
  const socket = join(dir, 'socket')
  const config = join(dir, 'tmux.conf')
  // Our own config instead of the user's: no status line (the pane is the whole screen).
  writeFileSync(config, ['set -g default-terminal "tmux-256color"', 'set -g status off', 'set -g history-limit 5000', ''].join('\n'))
  const tmux = (...args: string[]) => run(TMUX, ['-S', socket, '-f', config, ...args], {encoding: 'utf8'})

  const unset = Object.entries(options.env ?? {}).filter(([, value]) => value === undefined).map(([name]) => ['-u', name])
  const set = Object.entries(options.env ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${value}`]))
  // The command waits for a file created once new-session has returned (what a command writes
  // while tmux is still setting up the pane can be lost). When it ends, the shell reports its
  // status in the pane title (OSC 2) and keeps the pane open: tmux reads the pty in order, so
  // once the title shows, all the output before it is on screen. (tmux's own pane_dead_status
  // proved unreliable here: the pane could close before tmux reaped the child.)
  const go = join(dir, 'go')
  const program = ['env', ...unset.flat(), ...set, ...command].map(quote).join(' ')
  // `trap : INT`: Ctrl-C (sent to the whole foreground group) must not end the wrapper before it
  // reports; a trap with an action, unlike an ignored signal, is not inherited by the command.
  const line = `trap : INT; while [ ! -e ${quote(go)} ]; do sleep 0.02; done; ${program}; printf '\\033]2;${EXIT_TITLE}%s\\033\\\\' "$?"; exec sleep 86400`
  const columns = options.columns ?? 80
  const rows = options.rows ?? 24
  await tmux('new-session', '-d', '-s', 'test', '-x', String(columns), '-y', String(rows), ...(options.cwd ? ['-c', options.cwd] : []), line)
  writeFileSync(go, '')

  const session: TmuxSession = {
    async sendKeys(...keys) {
      await tmux('send-keys', '-t', 'test', ...keys)
    },
    async type(text) {
      await tmux('send-keys', '-t', 'test', '-l', text)
    },
    async capture({escapes = false} = {}) {
      const {stdout} = await tmux('capture-pane', '-p', '-t', 'test', ...(escapes ? ['-e'] : []))
      return stdout
    },
    async waitForText(pattern, {timeoutMs = 30_000, escapes = false} = {}) {
      const deadline = Date.now() + timeoutMs
      let screen = ''
      for (;;) {
        screen = await session.capture({escapes})
        if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)} in the terminal; the screen shows:\n${screen}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    async exitStatus() {
      const {stdout} = await tmux('display-message', '-p', '-t', 'test', '#{pane_title}')
      const title = stdout.trim()
      return title.startsWith(EXIT_TITLE) ? Number(title.slice(EXIT_TITLE.length)) : undefined
    },
    async waitForExit(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const status = await session.exitStatus()
        if (status !== undefined) return status
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the command to exit; the screen shows:\n${await session.capture()}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    async kill() {
      await tmux('kill-server').catch(() => undefined)
      rmSync(dir, {recursive: true, force: true})
    },
  }
  return session
}
