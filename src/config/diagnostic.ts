/**
 * One problem found in a batch.yaml. Checks (schema, semantic) report a `path` into the
 * parsed document; the loader turns it into `file:line:column` and a code frame, because
 * only it holds the YAML source positions.
 */
export interface Diagnostic {
  /** Stable kebab-case code for machines and tests, e.g. `unknown-key`, `dangling-reference`. */
  code: string
  /** One sentence saying what is wrong, naming the offending value. */
  message: string
  /** Path into the document, e.g. ['jobQueues', 'default', 'computeEnvironments', 0]. */
  path: Array<string | number>
  /** What would have been accepted, e.g. "one of FARGATE, FARGATE_SPOT, EC2, SPOT". */
  expected?: string
  /** A suggested fix, e.g. 'did you mean "maxvCpus"?'. */
  hint?: string
  /** Point at the key rather than its value (unknown keys, duplicate keys). */
  atKey?: boolean
}

/** A Diagnostic placed in its file. Line and column are 1-based. */
export interface LocatedDiagnostic extends Diagnostic {
  file: string
  line: number
  column: number
  /** A few source lines around the problem with a caret line, without colour. */
  frame: string
}
