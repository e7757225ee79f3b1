import {workflowProblems} from '../../workflows/check-workflows.js'
import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic} from './context.js'

/**
 * What only the workflow compiler sees (a parameter reading a step that has not run, a catch into
 * another parallel branch, a step after a handler and the main flow), so a bad workflow fails
 * `validate` rather than `plan`. Each problem points at its step (`workflows.<key>.steps[i]`, or
 * the parameter inside it), else at the workflow's `steps`. Workflows that other checks already
 * found wrong (`skip`) are not compiled: their graph may not be one the compiler can lay out, and
 * the user should see the first cause only once.
 */
export function checkWorkflowCompile(config: BatchConfig, skip: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = []
  const wanted: BatchConfig = {...config, workflows: Object.fromEntries(Object.entries(config.workflows ?? {}).filter(([key]) => !skip.has(key)))}
  for (const problem of workflowProblems(wanted)) {
    const steps = config.workflows?.[problem.workflow]?.steps ?? []
    const index = problem.step === undefined ? -1 : steps.findIndex((s) => s.name === problem.step)
    const path = index < 0 ? ['workflows', problem.workflow, 'steps'] : ['workflows', problem.workflow, 'steps', index, ...(problem.field ?? [])]
    out.push(diagnostic(problem.code, path, problem.message, {hint: problem.hints.length === 0 ? undefined : problem.hints.join('; ')}))
  }
  return out
}
