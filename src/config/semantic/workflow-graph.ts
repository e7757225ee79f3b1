import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, WorkflowStep} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {referenceHint} from './did-you-mean.js'

/**
 * Within each workflow: step names are unique, `after` and `catch.next` name steps of the same
 * workflow, and `after` has no cycles (a cycle would never start). The cycle is named in order,
 * e.g. `a → b → c → a`.
 */
export function checkWorkflowGraphs(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, workflow] of entries(config.workflows)) {
    if (workflow.steps !== undefined) checkSteps(out, key, workflow.steps)
  }
  return out
}

function checkSteps(out: Diagnostic[], workflow: string, steps: WorkflowStep[]): void {
  const base = ['workflows', workflow, 'steps']
  const index = new Map<string, number>()
  for (const [i, step] of steps.entries()) {
    const first = index.get(step.name)
    if (first !== undefined) {
      out.push(
        diagnostic('duplicate-step', [...base, i, 'name'], `Step name "${step.name}" is used twice in workflow "${workflow}" (first at step ${first + 1}).`, {
          expected: 'unique step names',
        }),
      )
    } else {
      index.set(step.name, i)
    }
  }
  const names = [...index.keys()]
  const section = `workflows.${workflow}.steps`
  for (const [i, step] of steps.entries()) {
    for (const [j, dep] of (step.after ?? []).entries()) {
      if (dep === step.name) {
        out.push(diagnostic('workflow-cycle', [...base, i, 'after', j], `Step "${step.name}" cannot run after itself.`, {expected: 'names of other steps'}))
      } else if (!index.has(dep)) {
        out.push(
          diagnostic('dangling-reference', [...base, i, 'after', j], `Step "${dep}" in \`after\` of step "${step.name}" is not a step of workflow "${workflow}".`, {
            expected: 'a step name of this workflow',
            hint: referenceHint(dep, names, section),
          }),
        )
      }
    }
    const next = step.catch?.next
    if (next !== undefined && !index.has(next)) {
      out.push(
        diagnostic('dangling-reference', [...base, i, 'catch', 'next'], `Step "${next}" in \`catch.next\` of step "${step.name}" is not a step of workflow "${workflow}".`, {
          expected: 'a step name of this workflow',
          hint: referenceHint(next, names, section),
        }),
      )
    }
  }
  const cycle = findCycle(steps, index)
  if (cycle !== undefined) {
    const [at] = cycle
    const i = index.get(at!)!
    out.push(
      diagnostic('workflow-cycle', [...base, i, 'after'], `Workflow "${workflow}" has a cycle: ${[...cycle, at].join(' → ')}.`, {
        expected: '`after` relations without cycles',
        hint: 'remove one of these `after` entries',
      }),
    )
  }
}

/** A cycle in the "runs after" graph as the list of step names along it, or undefined. */
function findCycle(steps: WorkflowStep[], index: Map<string, number>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (name: string): string[] | undefined => {
    state.set(name, 'visiting')
    stack.push(name)
    const step = steps[index.get(name)!]!
    for (const dep of step.after ?? []) {
      if (dep === name || !index.has(dep)) continue // reported separately
      const seen = state.get(dep)
      if (seen === 'visiting') return stack.slice(stack.indexOf(dep))
      if (seen === undefined) {
        const found = visit(dep)
        if (found !== undefined) return found
      }
    }
    stack.pop()
    state.set(name, 'done')
    return undefined
  }
  for (const name of index.keys()) {
    if (state.get(name) === undefined) {
      const found = visit(name)
      // The walk follows `after` (dependencies), so reverse it to read in execution order.
      if (found !== undefined) return found.reverse()
    }
  }
  return undefined
}
