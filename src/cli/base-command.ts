import {Command, Flags} from '@oclif/core'

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
    summary: 'Use the embedded emulator started by `batchctl local start` instead of AWS.',
    default: false,
  }),
}

export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true

  /** Print a UserError as a clean message with hints; anything else keeps oclif's handling. */
  protected override async catch(err: Error & {exitCode?: number}): Promise<unknown> {
    if (err instanceof UserError) {
      if (this.jsonEnabled()) {
        this.logJson({error: {code: err.code, message: err.message, hints: err.hints}})
        this.exit(1)
      }
      const hints = err.hints.length > 0 ? '\n' + err.hints.map((hint) => `  → ${hint}`).join('\n') : ''
      this.error(`${err.message}${hints}`, {exit: 1})
    }
    return super.catch(err)
  }
}
