import {createInterface} from 'node:readline'

/** The question `batchctl apply` asks before changing anything. */
export const APPLY_QUESTION = "Apply these changes? Only 'yes' is accepted."

export interface ConfirmOptions {
  /** Default: process.stdin. */
  input?: NodeJS.ReadableStream & {isTTY?: boolean}
  /** Default: process.stderr (stdout carries the plan, which may be piped). */
  output?: NodeJS.WritableStream & {isTTY?: boolean}
  question?: string
  /** Lines printed before the question, e.g. "2 resources will be destroyed". */
  details?: string[]
  /** Aborting (e.g. on SIGTERM) answers no. */
  signal?: AbortSignal
}

/**
 * Asks a yes/no question on a terminal, Terraform-style: only `yes` (surrounding blanks ignored)
 * means yes; anything else, end of input (Ctrl-D) and Ctrl-C mean no. A readline prompt rather
 * than an Ink one: it keeps line editing, needs no raw mode and works the same when stdin is a
 * pipe. Callers check `isInteractive` first; without a terminal they need `--auto-approve`.
 */
export function confirm(options: ConfirmOptions = {}): Promise<boolean> {
  const input = options.input ?? process.stdin
  const output = options.output ?? process.stderr
  return new Promise((resolve) => {
    const rl = createInterface({input, output, terminal: input.isTTY === true && output.isTTY === true})
    let settled = false
    const finish = (answer: boolean, newline: boolean) => {
      if (settled) return
      settled = true
      // After Ctrl-C or Ctrl-D the cursor still sits after the prompt.
      if (newline) output.write('\n')
      options.signal?.removeEventListener('abort', onAbort)
      rl.close()
      resolve(answer)
    }
    const onAbort = () => finish(false, true)
    if (options.signal?.aborted) {
      finish(false, false)
      return
    }
    options.signal?.addEventListener('abort', onAbort, {once: true})
    rl.on('SIGINT', () => finish(false, true))
    rl.on('close', () => finish(false, true))
    for (const line of options.details ?? []) output.write(`${line}\n`)
    rl.question(`${options.question ?? APPLY_QUESTION}\n  Enter a value: `, (answer) => finish(answer.trim() === 'yes', false))
  })
}
