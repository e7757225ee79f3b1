import {StepError} from './step-error.js'

/**
 * Job parameters of a workflow step (`Ref::name` in the job definition) as Step Functions
 * Parameters. The syntax a value may use:
 *
 * - a literal, e.g. `latest` → passed as written;
 * - `$.steps.<step>.<field>` → the result of an earlier step (one it runs `after`, directly or
 *   not). Each step's result is `{JobId, JobName, Status}` of its Batch job, or `{Error, Cause}`
 *   when its failure was caught; e.g. `$.steps.prepare.JobId`;
 * - any other `$...` path → the execution input, e.g. `$.run` reads `run` of the input the
 *   execution was started with (compiled to `$$.Execution.Input.run`, so it reads the same
 *   value in every step, inside parallel branches too);
 * - `States.Format(...)` and other intrinsic functions → passed as written; their paths read
 *   the state data, i.e. `$.steps...` (e.g. `States.Format('{}/out', $.steps.prepare.JobId)`).
 *
 * Batch takes string parameters only: a path must select a string.
 */
export function stepParameters(
  step: string,
  parameters: Record<string, string | undefined> | undefined,
  earlier: ReadonlySet<string> | undefined,
): Record<string, string> | undefined {
  if (parameters === undefined) return undefined
  const out: Record<string, string> = {}
  for (const name of Object.keys(parameters).sort()) {
    const value = parameters[name]
    if (value === undefined) continue
    if (value.startsWith('States.')) {
      out[`${name}.$`] = value
    } else if (value.startsWith('$.steps.') || value === '$.steps') {
      const from = /^\$\.steps\.([^.[]+)/.exec(value)?.[1]
      if (from === undefined || (earlier !== undefined && !earlier.has(from))) {
        throw new StepError(step, `Parameter "${name}" of step "${step}" reads "${value}", but step "${from ?? ''}" does not run before it.`, {
          code: 'workflow-parameter',
          field: ['parameters', name],
          hints: [`add "${from ?? '<step>'}" to \`after\` of step "${step}" (directly or through another step)`],
        })
      }
      out[`${name}.$`] = value
    } else if (value.startsWith('$')) {
      out[`${name}.$`] = `$$.Execution.Input${value.slice(1)}`
    } else {
      out[name] = value
    }
  }
  return out
}
