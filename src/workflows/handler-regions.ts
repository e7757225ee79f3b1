import type {WorkflowStep} from '../config/types.generated.js'
import {UserError} from '../errors.js'
import {StepError} from './step-error.js'

/** Steps split into the main flow and the catch handlers, each list in `steps` order. */
export interface Regions {
  main: string[]
  /** One entry per handler: its first step (a `catch.next` target without `after`) and the steps that run after it. */
  handlers: Array<{root: string; steps: string[]}>
}

/**
 * A step without `after` that some `catch.next` names runs only when that failure is caught
 * (batch.yaml's documented rule). It and the steps that run after it form a handler; a
 * handler ends the execution when it is done (successfully: the failure was handled).
 */
export function handlerRegions(steps: readonly WorkflowStep[]): Regions {
  const targets = new Set(steps.flatMap((s) => (s.catch?.next === undefined || s.catch.next === s.name ? [] : [s.catch.next])))
  const roots = steps.filter((s) => (s.after ?? []).length === 0 && targets.has(s.name)).map((s) => s.name)
  const inHandler = new Set(roots)
  for (let grew = true; grew; ) {
    grew = false
    for (const step of steps) {
      if (!inHandler.has(step.name) && (step.after ?? []).some((d) => inHandler.has(d))) {
        inHandler.add(step.name)
        grew = true
      }
    }
  }
  for (const step of steps) {
    if (!inHandler.has(step.name) || roots.includes(step.name)) continue
    const mainDep = (step.after ?? []).find((d) => !inHandler.has(d))
    if (mainDep !== undefined) {
      throw new StepError(step.name, `Step "${step.name}" runs after a catch handler and after step "${mainDep}" of the main flow; it can never start.`, {
        code: 'workflow-structure',
        hints: ['a step after a catch handler may only run after steps of that handler'],
      })
    }
  }
  const main = steps.map((s) => s.name).filter((name) => !inHandler.has(name))
  if (main.length === 0) {
    throw new UserError('Every step of the workflow is a catch handler, so nothing starts it.', {
      code: 'workflow-structure',
      hints: ['give the first step no `catch.next` pointing at it, or add a step that starts the workflow'],
    })
  }
  const owner = new Map<string, string>()
  const handlers = roots.map((root) => {
    const part = new Set([root])
    for (let grew = true; grew; ) {
      grew = false
      for (const step of steps) {
        if (!part.has(step.name) && (step.after ?? []).some((d) => part.has(d))) {
          part.add(step.name)
          grew = true
        }
      }
    }
    for (const name of part) {
      const other = owner.get(name)
      if (other !== undefined) {
        throw new StepError(name, `Step "${name}" runs after two catch handlers ("${other}" and "${root}"); only one of them can run.`, {
          code: 'workflow-structure',
          hints: ['give each catch handler its own follow-up steps'],
        })
      }
      owner.set(name, root)
    }
    return {root, steps: steps.map((s) => s.name).filter((name) => part.has(name))}
  })
  return {main, handlers}
}
