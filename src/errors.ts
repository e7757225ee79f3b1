/**
 * Error kinds. Exit codes are a table (see README): 0 ok, 1 any error, 2 only for
 * "plan has changes" under `--detailed-exitcode`. oclif's own default exit is 2, so
 * package.json sets `oclif.exitCodes.default` to 1.
 */

/** A problem the user can fix: bad input, missing file, a refused operation. Printed without a stack. */
export class UserError extends Error {
  override readonly name = 'UserError'
  /** Short next steps shown under the message. */
  readonly hints: string[]
  /** A stable machine-readable code for `--json` output. */
  readonly code: string

  constructor(message: string, options: {code?: string; hints?: string[]; cause?: unknown} = {}) {
    super(message, {cause: options.cause})
    this.code = options.code ?? 'UserError'
    this.hints = options.hints ?? []
  }
}

/** Something batchctl got wrong; printed with a request to report it. */
export class BugError extends Error {
  override readonly name = 'BugError'
}

/** Narrowing helper for exhaustive switches over closed unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new BugError(`unexpected ${what}: ${JSON.stringify(value)}`)
}
