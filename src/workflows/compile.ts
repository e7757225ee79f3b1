import type {WorkflowStep} from '../config/types.generated.js'
import {BugError} from '../errors.js'
import {StepError} from './step-error.js'
import type {AslCatcher, AslMachine, AslState, CompileOptions} from './asl-types.js'
import {handlerRegions} from './handler-regions.js'
import {decompose, type Structure} from './series-parallel.js'
import {resultPath, taskState} from './task-state.js'

export type {AslMachine, CompileOptions} from './asl-types.js'

/** ASL limits state names to 80 characters. */
const MAX_STATE_NAME = 80
const ROOT = ''

/**
 * Compiles workflow steps into an Amazon States Language state machine. Pure and
 * deterministic: the same steps give the same JSON, key order included.
 *
 * - Each step is a Task state named like the step, running `batch:submitJob.sync`; an
 *   `arraySize` becomes ArrayProperties (Batch fans the children out itself).
 * - `after` gives the order: a chain becomes consecutive states, branches that run side by
 *   side become a Parallel state (see `decompose` for graphs that are not series-parallel).
 *   A Parallel state merges the `steps` results of its branches, so later steps can read them.
 * - The state data starts as the execution input; each step adds its result under
 *   `steps.<step>` (`{JobId, JobName, Status}`). After a Parallel state only `steps` is left,
 *   which is why parameters read the input through `$$.Execution.Input` (see `stepParameters`).
 *   The execution's output is therefore `{steps: {...}}` of every step that ran.
 * - `retry` → Retry; `catch.fail` → Catch to a Fail state `<step> failed` with that error;
 *   `catch.next` → Catch to the named step. A state inside a Parallel branch can only move
 *   within its branch, so a step caught to a state outside its branch fails its branch
 *   through a Fail state `<step> caught` with the error `Caught.<step>`, and the Parallel
 *   state that holds the branch catches exactly that error and moves on to the target. Other
 *   branches stop, as they do on any failure in a Parallel state.
 * - A catch target without `after` is a handler (see `handlerRegions`); handlers are states of
 *   the top level that only Catch entries lead to.
 */
export function compileSteps(steps: readonly WorkflowStep[], options: CompileOptions): AslMachine {
  const byName = new Map(steps.map((s) => [s.name, s]))
  const deps = (name: string) => byName.get(name)?.after ?? []
  // batch.yaml says the order of steps does not matter: ties are broken by name, so listing
  // the same steps in another order compiles to the same definition.
  const sorted = [...steps].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const regions = handlerRegions(sorted)
  const main = decompose(regions.main, deps)
  const handlers = regions.handlers.map((h) => decompose(h.steps, deps))

  const names = new NameAllocator(steps.map((s) => s.name))
  const layout = new Layout(names)
  layout.place(main, ROOT)
  for (const handler of handlers) layout.place(handler, ROOT)

  const handlerSteps = new Set(regions.handlers.flatMap((h) => h.steps))
  const earlier = ancestorSets(steps)
  const routes = routeCatches(sorted, layout, names)

  const emit = (structure: Structure, scope: string, states: Record<string, AslState>, next: string | undefined): void => {
    switch (structure.kind) {
      case 'step': {
        const step = byName.get(structure.name)!
        const before = handlerSteps.has(step.name) ? undefined : earlier.get(step.name)
        states[step.name] = taskState(step, options, before, routes.task.get(step.name) ?? [], next)
        return
      }
      case 'series':
        structure.parts.forEach((part, i) => emit(part, scope, states, i + 1 < structure.parts.length ? layout.first(structure.parts[i + 1]!) : next))
        return
      case 'parallel': {
        const name = layout.parallelName(structure)
        const state: AslState = {
          Type: 'Parallel',
          Branches: structure.branches.map((branch, i) => machine([branch], branchScope(scope, name, i))),
          // Each branch returns the state data with its own steps added; merging the `steps`
          // objects gives the next state every result so far (earlier ones are in every branch).
          ResultSelector: {'steps.$': mergeSteps(0, structure.branches.length)},
        }
        const catchers = routes.parallel.get(name) ?? []
        if (catchers.length > 0) state.Catch = catchers
        if (next === undefined) state.End = true
        else state.Next = next
        states[name] = state
        return
      }
    }
  }
  const machine = (structures: Structure[], scope: string): AslMachine => {
    const states: Record<string, AslState> = {}
    for (const structure of structures) emit(structure, scope, states, undefined)
    for (const [name, fail] of routes.fails.get(scope) ?? []) states[name] = fail
    return {StartAt: layout.first(structures[0]!), States: states}
  }
  const top = machine([main, ...handlers], ROOT)
  return options.comment === undefined ? top : {Comment: options.comment, ...top}
}

/** `States.JsonMerge` of `$[lo].steps` … `$[hi-1].steps`, nested as a balanced tree to stay shallow. */
function mergeSteps(lo: number, hi: number): string {
  if (hi - lo === 1) return `$[${lo}].steps`
  const mid = lo + Math.ceil((hi - lo) / 2)
  return `States.JsonMerge(${mergeSteps(lo, mid)}, ${mergeSteps(mid, hi)}, false)`
}

function branchScope(scope: string, parallel: string, index: number): string {
  return `${scope}/${parallel}#${index}`
}

/** Unique state names: step names are reserved first, generated names avoid them. */
class NameAllocator {
  private readonly used: Set<string>
  constructor(reserved: string[]) {
    this.used = new Set(reserved)
  }
  take(wanted: string): string {
    let name = wanted.length > MAX_STATE_NAME ? wanted.slice(0, MAX_STATE_NAME) : wanted
    for (let n = 2; this.used.has(name); n++) {
      const suffix = ` (${n})`
      name = wanted.slice(0, MAX_STATE_NAME - suffix.length) + suffix
    }
    this.used.add(name)
    return name
  }
}

/** Where every step and Parallel state sits: its scope (top level or a branch of a Parallel). */
class Layout {
  readonly scopeOf = new Map<string, string>()
  /** Branch scope → the Parallel state holding it and that state's own scope. */
  readonly branchOwner = new Map<string, {parallel: string; scope: string}>()
  private readonly parallelNames = new Map<Structure, string>()
  constructor(private readonly names: NameAllocator) {}

  place(structure: Structure, scope: string): void {
    switch (structure.kind) {
      case 'step':
        this.scopeOf.set(structure.name, scope)
        return
      case 'series':
        for (const part of structure.parts) this.place(part, scope)
        return
      case 'parallel': {
        const firsts = structure.branches.map((b) => this.firstStep(b))
        const full = `Parallel: ${firsts.join(' + ')}`
        const name = this.names.take(full.length <= MAX_STATE_NAME ? full : `Parallel: ${firsts[0]} + ${firsts.length - 1} more`)
        this.parallelNames.set(structure, name)
        structure.branches.forEach((branch, i) => {
          const inner = branchScope(scope, name, i)
          this.branchOwner.set(inner, {parallel: name, scope})
          this.place(branch, inner)
        })
        return
      }
    }
  }

  parallelName(structure: Structure): string {
    const name = this.parallelNames.get(structure)
    if (name === undefined) throw new BugError('Parallel state was not laid out')
    return name
  }

  /** The name of the first state a structure runs. */
  first(structure: Structure): string {
    if (structure.kind === 'step') return structure.name
    if (structure.kind === 'series') return this.first(structure.parts[0]!)
    return this.parallelName(structure)
  }

  private firstStep(structure: Structure): string {
    if (structure.kind === 'step') return structure.name
    if (structure.kind === 'series') return this.firstStep(structure.parts[0]!)
    return this.firstStep(structure.branches[0]!)
  }
}

interface Routes {
  task: Map<string, AslCatcher[]>
  parallel: Map<string, AslCatcher[]>
  fails: Map<string, Array<[string, AslState]>>
}

function routeCatches(steps: readonly WorkflowStep[], layout: Layout, names: NameAllocator): Routes {
  const routes: Routes = {task: new Map(), parallel: new Map(), fails: new Map()}
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value])
  for (const step of steps) {
    const caught = step.catch
    if (caught === undefined || (caught.next === undefined && caught.fail === undefined)) continue
    const scope = layout.scopeOf.get(step.name)!
    const errors = caught.errors ?? ['States.ALL']
    const path = resultPath(step.name)
    // The failure's {Error, Cause} is kept under the step's result, so a Fail state can pass the cause on.
    const fail = (name: string, error: string): void => {
      push(routes.fails, scope, [name, {Type: 'Fail', Error: error, CausePath: `${path}.Cause`}])
      push(routes.task, step.name, {ErrorEquals: errors, ResultPath: path, Next: name})
    }
    if (caught.next === undefined) {
      fail(names.take(`${step.name} failed`), caught.fail!)
      continue
    }
    const target = caught.next
    if (target === step.name) {
      throw new StepError(step.name, `Step "${step.name}" catches its own failure, which would run it again forever.`, {
        code: 'workflow-structure',
        hints: ['use `retry` to run a failed step again'],
      })
    }
    const targetScope = layout.scopeOf.get(target)
    if (targetScope === undefined) throw new BugError(`catch target ${target} was not laid out`)
    if (targetScope === scope) {
      push(routes.task, step.name, {ErrorEquals: errors, ResultPath: path, Next: target})
      continue
    }
    let cur = scope
    let holder: string | undefined
    while (holder === undefined) {
      const owner = layout.branchOwner.get(cur)
      if (owner === undefined) {
        throw new StepError(step.name, `Step "${step.name}" catches to step "${target}", which runs in another parallel branch.`, {
          code: 'workflow-structure',
          hints: ['a catch can lead to a step of its own branch or to a step outside the parallel steps, e.g. a handler step without `after`'],
        })
      }
      if (owner.scope === targetScope) holder = owner.parallel
      cur = owner.scope
    }
    const error = `Caught.${step.name}`
    fail(names.take(`${step.name} caught`), error)
    push(routes.parallel, holder, {ErrorEquals: [error], ResultPath: path, Next: target})
  }
  return routes
}

/** Every step's transitive `after` dependencies. */
function ancestorSets(steps: readonly WorkflowStep[]): Map<string, Set<string>> {
  const byName = new Map(steps.map((s) => [s.name, s]))
  const memo = new Map<string, Set<string>>()
  const visit = (name: string): Set<string> => {
    const known = memo.get(name)
    if (known) return known
    const out = new Set<string>()
    memo.set(name, out)
    for (const dep of byName.get(name)?.after ?? []) {
      out.add(dep)
      for (const a of visit(dep)) out.add(a)
    }
    return out
  }
  for (const step of steps) visit(step.name)
  return memo
}
