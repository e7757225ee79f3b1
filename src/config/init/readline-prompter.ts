import {createInterface} from 'node:readline'

import type {LinePrompter} from './ask-init.js'

/** Streams the init questions use; defaults are stdin and stderr (stdout stays for results). */
export interface ReadlinePrompterOptions {
  input?: NodeJS.ReadableStream & {isTTY?: boolean}
  output?: NodeJS.WritableStream & {isTTY?: boolean}
}

/** A LinePrompter that must be closed when the questions are over. */
export interface ClosablePrompter extends LinePrompter {
  close(): void
}

/**
 * Readline prompts, like `confirm` in src/ui/prompt: line editing on a terminal, no raw-mode UI.
 * One interface serves every question, and lines that arrive before their question is asked
 * are queued: a pasted or scripted block of answers is not lost between questions (a fresh
 * interface per question would drop what the previous one had already read). End of input
 * (Ctrl-D) and Ctrl-C answer `undefined`, which ends the questions.
 */
export function readlinePrompter(options: ReadlinePrompterOptions = {}): ClosablePrompter {
  const input = options.input ?? process.stdin
  const output = options.output ?? process.stderr
  const rl = createInterface({input, output, terminal: input.isTTY === true && output.isTTY === true})
  const queued: string[] = []
  let waiting: ((line: string | undefined) => void) | undefined
  let closed = false
  rl.on('line', (line) => {
    if (waiting === undefined) {
      queued.push(line)
      return
    }
    const resolve = waiting
    waiting = undefined
    resolve(line)
  })
  rl.on('close', () => {
    closed = true
    waiting?.(undefined)
    waiting = undefined
  })
  rl.on('SIGINT', () => {
    // The cursor still sits after the prompt.
    output.write('\n')
    rl.close()
  })
  return {
    ask(prompt) {
      const next = queued.shift()
      if (next !== undefined) {
        output.write(`${prompt}${next}\n`)
        return Promise.resolve(next)
      }
      if (closed) return Promise.resolve(undefined)
      rl.setPrompt(prompt)
      rl.prompt()
      return new Promise((resolve) => {
        waiting = resolve
      })
    },
    say(line) {
      output.write(`${line}\n`)
    },
    close() {
      rl.close()
    },
  }
}
