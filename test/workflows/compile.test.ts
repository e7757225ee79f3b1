import fc from 'fast-check'
import {createRequire} from 'node:module'
import {describe, expect, it} from 'vitest'

import type {WorkflowStep} from '../../src/config/types.generated.js'
import {UserError} from '../../src/errors.js'
import {compileSteps, type AslMachine, type CompileOptions} from '../../src/workflows/compile.js'
import {workflowProblems} from '../../src/workflows/check-workflows.js'
import {decompose, stepsOf, type Structure} from '../../src/workflows/series-parallel.js'

const validateAsl = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {isValid: boolean; errors: unknown[]}
const options: CompileOptions = {jobQueue: (k) => k, jobDefinition: (k) => k, defaultQueue: 'q', jobNamePrefix: 'p'}

/** Pairs (a, b) where the structure finishes a before it starts b. */
function happensBefore(structure: Structure): Set<string> {
  const out = new Set<string>()
  const walk = (s: Structure): void => {
    if (s.kind === 'step') return
    const parts = s.kind === 'series' ? s.parts : s.branches
    parts.forEach(walk)
    if (s.kind !== 'series') return
    s.parts.forEach((earlier, i) => {
      for (const later of s.parts.slice(i + 1)) for (const a of stepsOf(earlier)) for (const b of stepsOf(later)) out.add(`${a}<${b}`)
    })
  }
  walk(structure)
  return out
}

/** Task state names anywhere in a machine, Parallel branches included. */
function taskNames(machine: AslMachine): string[] {
  return Object.entries(machine.States).flatMap(([name, state]) =>
    state.Type === 'Task' ? [name] : state.Type === 'Parallel' ? (state.Branches as AslMachine[]).flatMap(taskNames) : [],
  )
}

/** Random DAGs: step i may depend on any earlier step. */
const dags = fc.integer({min: 1, max: 9}).chain((n) =>
  fc.array(fc.array(fc.boolean(), {minLength: n, maxLength: n}), {minLength: n, maxLength: n}).map((matrix) =>
    Array.from({length: n}, (_, i): WorkflowStep => {
      const after = matrix[i]!.slice(0, i).flatMap((edge, j) => (edge ? [`s${j}`] : []))
      return {name: `s${i}`, job: 'j', ...(after.length > 0 ? {after} : {})}
    }),
  ),
)

describe('series-parallel layout', () => {
  it('runs every step exactly once and after all of its dependencies, for any DAG', () => {
    fc.assert(
      fc.property(dags, (steps) => {
        const structure = decompose(
          steps.map((s) => s.name),
          (name) => steps.find((s) => s.name === name)?.after ?? [],
        )
        expect(stepsOf(structure).sort()).toEqual(steps.map((s) => s.name).sort())
        const before = happensBefore(structure)
        for (const step of steps) for (const dep of step.after ?? []) expect(before.has(`${dep}<${step.name}`)).toBe(true)
      }),
    )
  })

  it('compiles any DAG to valid ASL with one Task state per step, whatever order the steps are listed in', () => {
    fc.assert(
      fc.property(dags, fc.integer(), (steps, seed) => {
        const asl = compileSteps(steps, options)
        expect(validateAsl(JSON.parse(JSON.stringify(asl))).errors).toEqual([])
        expect(taskNames(asl).sort()).toEqual(steps.map((s) => s.name).sort())
        const shuffled = [...steps].sort((a, b) => ((a.name.charCodeAt(1) * 31 + seed) % 7) - ((b.name.charCodeAt(1) * 31 + seed) % 7))
        expect(compileSteps(shuffled, options)).toEqual(asl)
      }),
      {numRuns: 12},
    )
  })

  it('keeps the full parallelism of a series-parallel graph: independent chains are branches, not a sequence', () => {
    const structure = decompose(['a', 'b', 'c', 'd'], (n) => ({b: ['a'], d: ['c']})[n] ?? [])
    expect(structure).toEqual({
      kind: 'parallel',
      branches: [
        {kind: 'series', parts: [{kind: 'step', name: 'a'}, {kind: 'step', name: 'b'}]},
        {kind: 'series', parts: [{kind: 'step', name: 'c'}, {kind: 'step', name: 'd'}]},
      ],
    })
  })
})

describe('compile errors name the step and what to change', () => {
  const expectUserError = (steps: WorkflowStep[], message: RegExp, opts: CompileOptions = options) => {
    let caught: unknown
    try {
      compileSteps(steps, opts)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(UserError)
    expect((caught as UserError).message).toMatch(message)
  }

  it('refuses a parameter that reads a step that does not run before', () => {
    expectUserError(
      [
        {name: 'a', job: 'j'},
        {name: 'b', job: 'j', parameters: {id: '$.steps.a.JobId'}},
      ],
      /step "a" does not run before it/,
    )
  })

  it('refuses a catch to a step in another parallel branch', () => {
    expectUserError(
      [
        {name: 'a', job: 'j'},
        {name: 'b', job: 'j', after: ['a'], catch: {next: 'c'}},
        {name: 'c', job: 'j', after: ['a']},
      ],
      /another parallel branch/,
    )
  })

  it('refuses a step that runs after a handler and after the main flow', () => {
    expectUserError(
      [
        {name: 'a', job: 'j', catch: {next: 'h'}},
        {name: 'h', job: 'j'},
        {name: 'x', job: 'j', after: ['h', 'a']},
      ],
      /runs after a catch handler/,
    )
  })

  it('refuses a step that catches to itself', () => {
    expectUserError([{name: 'a', job: 'j', catch: {next: 'a'}}], /catches its own failure/)
  })

  it('refuses a step without a queue when there is no default queue', () => {
    expectUserError([{name: 'a', job: 'j'}], /no job queue/, {...options, defaultQueue: undefined})
  })
})

describe('workflowProblems (for validate)', () => {
  it('reports each workflow the compiler refuses, and nothing for the others', () => {
    const problems = workflowProblems({
      project: 'p',
      defaults: {queue: 'q'},
      workflows: {
        fine: {steps: [{name: 'a', job: 'j'}]},
        file: {definitionFile: 'x.asl.json'},
        broken: {steps: [{name: 'a', job: 'j'}, {name: 'b', job: 'j', parameters: {id: '$.steps.a.JobId'}}]},
      },
    })
    expect(problems).toEqual([
      {
        workflow: 'broken',
        code: 'workflow-parameter',
        message: 'Parameter "id" of step "b" reads "$.steps.a.JobId", but step "a" does not run before it.',
        hints: ['add "a" to `after` of step "b" (directly or through another step)'],
        // validate points at workflows.broken.steps[1].parameters.id
        step: 'b',
        field: ['parameters', 'id'],
      },
    ])
  })
})
