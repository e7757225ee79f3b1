import {UserError} from '../errors.js'

/**
 * A compile error that belongs to one step, so `validate` can point at `workflows.<key>.steps[i]`
 * (and, for a parameter, at the parameter) instead of the whole workflow.
 */
export class StepError extends UserError {
  constructor(
    /** The step's `name`. */
    readonly step: string,
    message: string,
    options: {code?: string; hints?: string[]; field?: Array<string | number>} = {},
  ) {
    super(message, options)
    this.field = options.field ?? []
  }

  /** Path inside the step, e.g. `['parameters', 'key']`; empty for the step itself. */
  readonly field: Array<string | number>
}
