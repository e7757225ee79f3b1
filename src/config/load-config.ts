import {dirname} from 'node:path'

import {UserError} from '../errors.js'
import type {LocatedDiagnostic} from './diagnostic.js'
import {renderHuman} from './render-human.js'
import type {BatchConfig} from './types.generated.js'
import {validateFile} from './validate-file.js'
import type {ValidateOptions} from './validate-file.js'

/** A batch.yaml that passed every check, ready for the desired-model builder. */
export interface LoadedConfig {
  config: BatchConfig
  /** The path as given (`--file`). */
  file: string
  /** Directory of the file: relative paths inside it (build contexts, ASL files) resolve from here. */
  baseDir: string
  /** The environment applied with `--env`, if any. */
  env?: string
}

/** batch.yaml has problems; carries them all so `--json` callers can report them one by one. */
export class ConfigInvalidError extends UserError {
  readonly diagnostics: LocatedDiagnostic[]

  constructor(file: string, diagnostics: LocatedDiagnostic[]) {
    // The message is the same report `batchctl validate` prints, without colour.
    super(renderHuman(file, diagnostics).trimEnd(), {
      code: 'config-invalid',
      hints: [`run \`batchctl validate --file ${file}\` after fixing; nothing was sent to AWS`],
    })
    this.diagnostics = diagnostics
  }
}

/**
 * The entry point for commands that act on batch.yaml (plan, apply, submit, ...): the valid,
 * interpolated, environment-merged config, or a ConfigInvalidError before anything reaches AWS.
 * A missing file is a UserError suggesting `batchctl init`.
 */
export function loadConfig(file: string, options: ValidateOptions = {}): LoadedConfig {
  const result = validateFile(file, options)
  if (result.diagnostics.length > 0 || !result.config) throw new ConfigInvalidError(file, result.diagnostics)
  return {config: result.config, file, baseDir: dirname(file), ...(options.env !== undefined ? {env: options.env} : {})}
}
