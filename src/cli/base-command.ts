import {Command, Flags} from '@oclif/core'

import {ConfigInvalidError} from '../config/load-config.js'
import {renderJson} from '../config/render-json.js'
import {UserError} from '../errors.js'

/**
 * Flags shared by the commands that read batch.yaml or talk to AWS. Commands stay thin:
 * parse flags, call one service, pick a view (see CONVENTIONS.md).
 */
export const projectFlags = {
  file: Flags.string({
    char: 'f',
    summary: 'Path to the batch.yaml to read.',
    default: 'batch.yaml',
  }),
  env: Flags.string({
    char: 'e',
    summary: 'Environment from the `environments:` section to apply on top of the file.',
  }),
}

export const awsFlags = {
  profile: Flags.string({summary: 'AWS profile from the shared config files.', env: 'AWS_PROFILE'}),
  region: Flags.string({summary: 'AWS region (default: batch.yaml `region`, then the SDK chain).'}),
  local: Flags.boolean({
    summary: 'Use the embedded emulator (`batchctl local start`, or one started in-process) instead of AWS.',
    default: false,
  }),
}

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  /**
   * A UserError is the user's to fix: its message (an invalid batch.yaml's report with code
   * frames, as `validate` prints it) goes to stderr as written, with hints, and exit 1 — no
   * stack, no oclif decoration. With --json the same goes to stdout as a document.
   */
  protected override async catch(err: Error & {exitCode?: number}): Promise<unknown> {
    if (!(err instanceof UserError)) return super.catch(err)
    if (this.jsonEnabled()) {
      const document =
        err instanceof ConfigInvalidError
          ? {error: {code: err.code, message: 'batch.yaml is invalid', hints: err.hints}, ...renderJson(err.diagnostics)}
          : {error: {code: err.code, message: err.message, hints: err.hints}}
      this.logJson(document)
    } else {
      const message = err instanceof ConfigInvalidError ? err.message : `Error: ${err.message}`
      process.stderr.write(`${message}\n${err.hints.map((hint) => `  → ${hint}\n`).join('')}`)
    }
    return this.exit(1)
  }
}
