import type {LocatedDiagnostic} from './diagnostic.js'

/** One problem in the `--json` output of `batchctl validate`. */
export interface JsonDiagnostic {
  file: string
  line: number
  column: number
  code: string
  message: string
  /** Path into the document, e.g. ["jobQueues", "default", "priority"]; empty for file-level problems. */
  path: Array<string | number>
  expected?: string
  hint?: string
}

/** The `--json` document of `batchctl validate`: stable field names, no frames or colour. */
export interface JsonValidation {
  valid: boolean
  errors: JsonDiagnostic[]
}

/** Builds the machine-readable result (frames are for people; positions carry the same facts). */
export function renderJson(diagnostics: readonly LocatedDiagnostic[]): JsonValidation {
  return {
    valid: diagnostics.length === 0,
    errors: diagnostics.map((d) => {
      const out: JsonDiagnostic = {file: d.file, line: d.line, column: d.column, code: d.code, message: d.message, path: d.path}
      if (d.expected !== undefined) out.expected = d.expected
      if (d.hint !== undefined) out.hint = d.hint
      return out
    }),
  }
}
