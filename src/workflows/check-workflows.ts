import type {BatchConfig} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import {compileSteps} from './compile.js'
import {StepError} from './step-error.js'

/** A workflow whose steps cannot be compiled: what is wrong and how to fix it. */
export interface WorkflowProblem {
  /** The `workflows` key. */
  workflow: string
  code: string
  message: string
  hints: string[]
  /** The step it belongs to (its `name`), when it belongs to one. */
  step?: string
  /** Path inside that step, e.g. `['parameters', 'key']`. */
  field?: Array<string | number>
}

/**
 * Compiles every step workflow once, to report what only the compiler sees (a parameter
 * reading a step that has not run, a catch into another parallel branch, a step after a
 * handler and the main flow, a step without a queue) before `plan` runs into it. Pure; meant
 * for `validate`'s semantic checks.
 */
export function workflowProblems(config: BatchConfig): WorkflowProblem[] {
  const problems: WorkflowProblem[] = []
  for (const [key, workflow] of Object.entries(config.workflows ?? {})) {
    if (workflow?.steps === undefined) continue
    try {
      compileSteps(workflow.steps, {
        jobQueue: (queue) => queue,
        jobDefinition: (job) => job,
        defaultQueue: config.defaults?.queue,
        defaultShareIdentifier: config.defaults?.shareIdentifier,
        jobNamePrefix: key,
      })
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      problems.push({
        workflow: key,
        code: error.code,
        message: error.message,
        hints: error.hints,
        ...(error instanceof StepError ? {step: error.step, field: error.field} : {}),
      })
    }
  }
  return problems
}
