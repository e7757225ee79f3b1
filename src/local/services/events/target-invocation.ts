/**
 * A record of one target invocation made by a rule or a schedule: what was called with what,
 * and how it ended. Kept in service state because the call log records HTTP calls only.
 */
export interface TargetInvocation {
  /** Virtual epoch ms. */
  time: number
  /** The rule or schedule that fired. */
  sourceArn: string
  /** The rule's target id (rules only). */
  targetId?: string
  targetArn: string
  /** Signing name and operation invoked, e.g. `batch` / `SubmitJob`. */
  service: string
  operation: string
  /** The request sent to the target service. */
  request: unknown
  /** The target service's answer, when it succeeded. */
  result?: unknown
  /** `<code>: <message>` when it failed. */
  error?: string
}
