import type {HistoryEvent} from './executions-api.js'
import type {RunEvent, StepStatus} from './run-events.js'

interface StepState {
  status: StepStatus
  /** The last task failure not followed by a success (a retry that worked clears it). */
  lastError?: {error?: string; cause?: string}
  map?: {length: number; succeeded: number; failed: number}
}

/** Top-level states of an ASL definition, and the top-level state that encloses each nested one. */
export interface StepLayout {
  steps: string[]
  topOf: Map<string, string>
}

/**
 * Reads the top-level states (in StartAt-then-definition order) and maps every state nested in a
 * Map or Parallel to the top-level state around it. ASL requires state names to be unique in the
 * whole machine, so a name alone says which step an event belongs to.
 */
export function stepLayout(definitionText: string): StepLayout {
  const topOf = new Map<string, string>()
  let definition: {StartAt?: string; States?: Record<string, unknown>}
  try {
    definition = JSON.parse(definitionText) as typeof definition
  } catch {
    return {steps: [], topOf}
  }
  const states = definition.States ?? {}
  const visit = (machine: unknown, top: string) => {
    const nested = (machine as {States?: Record<string, unknown>} | undefined)?.States ?? {}
    for (const [name, state] of Object.entries(nested)) {
      topOf.set(name, top)
      children(state).forEach((child) => visit(child, top))
    }
  }
  for (const [name, state] of Object.entries(states)) {
    topOf.set(name, name)
    children(state).forEach((child) => visit(child, name))
  }
  return {steps: flowOrder(definition.StartAt, states), topOf}
}

/**
 * Top-level states in the order a run meets them: a walk from StartAt along Next, Default,
 * Choices and Catch targets (the order `--follow` lists pending steps in); unreachable ones last.
 */
function flowOrder(start: string | undefined, states: Record<string, unknown>): string[] {
  const order: string[] = []
  const queue = start !== undefined && start in states ? [start] : []
  while (queue.length > 0) {
    const name = queue.shift()!
    if (order.includes(name)) continue
    order.push(name)
    const s = states[name] as {Next?: string; Default?: string; Choices?: Array<{Next?: string}>; Catch?: Array<{Next?: string}>}
    for (const next of [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)]) {
      if (typeof next === 'string' && next in states && !order.includes(next)) queue.push(next)
    }
  }
  return [...order, ...Object.keys(states).filter((n) => !order.includes(n))]
}

function children(state: unknown): unknown[] {
  const s = state as {Iterator?: unknown; ItemProcessor?: unknown; Branches?: unknown[]}
  return [s.Iterator, s.ItemProcessor, ...(s.Branches ?? [])].filter((c) => c !== undefined)
}

function jobOf(output: string | undefined): {jobId: string; jobName?: string} | undefined {
  if (output === undefined) return undefined
  try {
    // The .sync integration reports SubmitJob's response with PascalCase members.
    const parsed = JSON.parse(output) as Record<string, unknown>
    const jobId = parsed.JobId ?? parsed.jobId
    const jobName = parsed.JobName ?? parsed.jobName
    if (typeof jobId !== 'string') return undefined
    return {jobId, ...(typeof jobName === 'string' ? {jobName} : {})}
  } catch {
    return undefined
  }
}

/** Map and Parallel failures may follow an event of a nested state; they are the enclosing step's. */
const CONTAINER_FAILURE = /^(Map|Parallel)StateFailed$|^MapRunFailed$/
const FAILURE_TYPES = /^(Task|Activity|LambdaFunction)(Failed|TimedOut|StartFailed|ScheduleFailed|SubmitFailed)$|^(Map|Parallel)StateFailed$|^MapRunFailed$/

/**
 * Turns history events (fed in order, each once) into run events: each step's transitions
 * pending → running → succeeded | failed exactly once per entry, the Batch jobs behind steps,
 * and Map progress. Events with a state name belong to that state; the others belong to the
 * state of the event they follow (`previousEventId`).
 */
export class StepTracker {
  private readonly steps = new Map<string, StepState>()
  private readonly ownerOf = new Map<number, string>()
  private readonly layout: StepLayout
  finished = false

  constructor(layout: StepLayout) {
    this.layout = layout
    for (const step of layout.steps) this.steps.set(step, {status: 'pending'})
  }

  /** Steps and their current status. */
  snapshot(): Array<{step: string; status: StepStatus}> {
    return [...this.steps].map(([step, s]) => ({step, status: s.status}))
  }

  /** Steps with a Batch job that may still be running. */
  runningSteps(): string[] {
    return [...this.steps].filter(([, s]) => s.status === 'running').map(([step]) => step)
  }

  private top(name: string): string {
    return this.layout.topOf.get(name) ?? name
  }

  private step(name: string): StepState {
    let state = this.steps.get(name)
    if (!state) {
      state = {status: 'pending'}
      this.steps.set(name, state)
    }
    return state
  }

  consume(event: HistoryEvent): RunEvent[] {
    const named = event.name !== undefined && /State(Entered|Exited)$|^MapIteration/.test(event.type)
    const owner = named ? event.name : this.ownerOf.get(event.previousEventId ?? -1)
    if (owner !== undefined) this.ownerOf.set(event.id, owner)
    const top = owner === undefined ? undefined : this.top(owner)
    const out: RunEvent[] = []
    const at = event.timestamp

    if (event.type.endsWith('StateEntered') && top !== undefined) {
      const step = this.step(top)
      if (step.status !== 'running' && top === owner) {
        step.status = 'running'
        delete step.lastError
        delete step.map
        out.push({type: 'step', step: top, status: 'running', timestamp: at})
      }
    } else if (event.type.endsWith('StateExited') && top !== undefined && top === owner) {
      const step = this.step(top)
      if (step.status === 'running') {
        // A failure that a Catch handled still exits the state: it failed, and the run went on.
        step.status = step.lastError ? 'failed' : 'succeeded'
        out.push({
          type: 'step',
          step: top,
          status: step.status,
          timestamp: at,
          ...(step.lastError ? {...definedOnly(step.lastError), caught: true} : {}),
        })
      }
    } else if (event.type === 'TaskSubmitted' && top !== undefined) {
      const job = jobOf(event.output)
      if (job) out.push({type: 'job', step: top, ...job, timestamp: at})
    } else if (event.type === 'TaskSucceeded' && top !== undefined && top === owner) {
      delete this.step(top).lastError
    } else if (FAILURE_TYPES.test(event.type) && top !== undefined && (top === owner || CONTAINER_FAILURE.test(event.type))) {
      this.step(top).lastError = definedOnly({error: event.error, cause: event.cause})
    } else if (event.type === 'MapStateStarted' && top !== undefined) {
      const step = this.step(top)
      step.map = {length: event.length ?? 0, succeeded: 0, failed: 0}
      out.push({type: 'map-progress', step: top, ...step.map})
    } else if (/^MapIteration(Succeeded|Failed|Aborted)$/.test(event.type) && top !== undefined) {
      const step = this.step(top)
      if (step.map) {
        if (event.type === 'MapIterationSucceeded') step.map.succeeded += 1
        else step.map.failed += 1
        out.push({type: 'map-progress', step: top, ...step.map})
      }
    } else if (/^Execution(Failed|TimedOut|Aborted)$/.test(event.type)) {
      // Steps still running when the execution ends failed with it.
      for (const [name, step] of this.steps) {
        if (step.status !== 'running') continue
        step.status = 'failed'
        const reason = step.lastError ?? definedOnly({error: event.error, cause: event.cause})
        out.push({type: 'step', step: name, status: 'failed', timestamp: at, ...reason})
      }
      this.finished = true
    } else if (event.type === 'ExecutionSucceeded') {
      this.finished = true
    }
    return out
  }
}

function definedOnly(reason: {error?: string | undefined; cause?: string | undefined}): {error?: string; cause?: string} {
  return {...(reason.error !== undefined ? {error: reason.error} : {}), ...(reason.cause !== undefined ? {cause: reason.cause} : {})}
}
