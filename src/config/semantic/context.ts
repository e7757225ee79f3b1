import type {Diagnostic} from '../diagnostic.js'

/** What semantic checks need besides the parsed config. */
export interface SemanticContext {
  /** Directory of batch.yaml; relative paths in it (ASL files) resolve from here. */
  baseDir: string
  /**
   * Environment selected with `--env`, if any. Physical names include it, so name-length checks
   * are exact for the environment being deployed.
   */
  env?: string
  /**
   * Every environment name declared in the file. When no `env` is selected, name lengths are
   * checked for each of them too (the config passed in has `environments` merged away).
   */
  environments?: string[]
}

/** Entries of an optional keyed section, skipping holes the index signature allows. */
export function entries<T>(section: {[key: string]: T | undefined} | undefined): Array<[string, T]> {
  if (section === undefined) return []
  const out: Array<[string, T]> = []
  for (const [key, value] of Object.entries(section)) {
    if (value !== undefined) out.push([key, value])
  }
  return out
}

/** Builds a Diagnostic, dropping undefined optional fields so results compare cleanly in tests. */
export function diagnostic(
  code: string,
  path: Diagnostic['path'],
  message: string,
  extra: {expected?: string | undefined; hint?: string | undefined; atKey?: boolean} = {},
): Diagnostic {
  const d: Diagnostic = {code, message, path}
  if (extra.expected !== undefined) d.expected = extra.expected
  if (extra.hint !== undefined) d.hint = extra.hint
  if (extra.atKey === true) d.atKey = true
  return d
}
