/**
 * An error inside an execution, by ASL error name (`States.TaskFailed`, `States.Runtime`,
 * `Batch.ClientException`, a Fail state's Error...) with its cause.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`)
  }
}

/** Thrown through the interpreter when the execution is stopped or times out; never caught by Catch. */
export class ExecutionHalted extends Error {
  constructor() {
    super('execution halted')
  }
}

export const runtimeError = (cause: string): StatesError => new StatesError('States.Runtime', cause)

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// "States.ALL ... matches any known error name" except States.Runtime (terminal, never retried
// or caught) and States.DataLimitExceeded; "States.TaskFailed ... matches any known error name
// except for States.Timeout".
export function errorMatches(errorEquals: string[], error: string): boolean {
  if (error === 'States.Runtime') return false
  if (error === 'States.DataLimitExceeded') return errorEquals.includes(error)
  return errorEquals.some(
    (name) => name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  )
}
