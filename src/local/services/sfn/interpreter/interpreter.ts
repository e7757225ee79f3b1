import type {Emulator} from '../../../emulator.js'
import type {ExecutionRecord, HistoryEventRecord} from '../state.js'
import {evaluateRule} from './choice.js'
import {type ContextObject, contextFor} from './context.js'
import {readPath, setPath} from './json-path.js'
import {applyTemplate} from './payload.js'
import {runDistributedMap} from './distributed-map.js'
import {Scope} from './scope.js'
import {errorMatches, ExecutionHalted, runtimeError, StatesError} from './states-error.js'
import {checkResource, invokeResource, parameterProblems, resourceName} from './tasks.js'

type Json = any
type StateDef = Record<string, any>
/** A state machine, branch or item processor: StartAt and States. */
export type Machine = {StartAt: string; States: Record<string, StateDef>}

/** A line of history: events of one branch chain their previousEventId through it. */
export interface Thread {
  last: number
  /** Distributed Map iterations are child workflows: their events stay out of this history. */
  silent?: boolean
}

interface StepResult {
  output: Json
  next?: string
}

const MAX_TIMEOUT_SECONDS = 99_999_999
const MAX_PAYLOAD_BYTES = 256 * 1024

/**
 * Runs one execution's definition on the emulator's clock, writing history as it goes.
 * Errors inside the machine are `StatesError`s; a stop or timeout halts the root scope.
 */
export class Interpreter {
  private readonly input: Json

  constructor(
    readonly execution: ExecutionRecord,
    readonly emulator: Emulator,
    readonly region: string,
    readonly scope: Scope,
    /** Called before each state transition (a deleted machine's executions end there). */
    private readonly onTransition: () => void = () => {},
  ) {
    this.input = JSON.parse(execution.input)
  }

  /** Appends a history event (nothing once the execution has closed). */
  event(thread: Thread, type: string, details?: Record<string, unknown>): number {
    const history = this.execution.history
    // Work still finishing after a stop or timeout must not add to a closed history.
    if (this.execution.status !== 'RUNNING' || thread.silent) return thread.last
    const id = history.length + 1
    const record: HistoryEventRecord = {id, previousEventId: thread.last, type, timestamp: this.emulator.clock.now()}
    if (details) Object.assign(record, details)
    history.push(record)
    thread.last = id
    return id
  }

  async run(definition: Machine & {QueryLanguage?: string}, thread: Thread): Promise<Json> {
    if (definition.QueryLanguage === 'JSONata') throw runtimeError('The emulator does not support JSONata state machines')
    return this.runMachine(definition, this.input, thread, this.scope)
  }

  /** Runs a machine (the definition, a branch, an iteration) from StartAt to its end. */
  async runMachine(machine: Machine, input: Json, thread: Thread, scope: Scope): Promise<Json> {
    let name: string | undefined = machine.StartAt
    let data = input
    while (name !== undefined) {
      this.onTransition()
      scope.check()
      const state = machine.States[name]
      if (!state) throw runtimeError(`State '${name}' does not exist`)
      const result = await this.step(name, state, data, thread, scope)
      data = result.output
      name = result.next
    }
    return data
  }

  private context(name: string, enteredAt: number, retryCount = 0): ContextObject {
    return contextFor(this.execution, this.input, name, enteredAt, retryCount)
  }

  private async step(name: string, state: StateDef, raw: Json, thread: Thread, scope: Scope): Promise<StepResult> {
    const type = state.Type as string
    if (state.QueryLanguage === 'JSONata') throw runtimeError(`State '${name}': the emulator does not support JSONata`)
    // Fail loudly rather than run the state without its variables.
    if (state.Assign !== undefined) throw runtimeError(`State '${name}': the emulator does not support variables (Assign)`)
    const enteredAt = this.emulator.clock.now()
    const enteredId = this.event(thread, `${type}StateEntered`, {stateEnteredEventDetails: {name, input: JSON.stringify(raw), inputDetails: {truncated: false}}})
    const context = this.context(name, enteredAt)
    let result: StepResult
    switch (type) {
      case 'Pass': {
        const effective = this.parameters(state, inputPath(state, raw, context), context, 'Parameters')
        const value = 'Result' in state ? state.Result : effective
        result = {output: outputPath(state, resultPath(state, raw, value), context), next: state.Next}
        break
      }
      case 'Choice': {
        const effective = inputPath(state, raw, context)
        const rule = (state.Choices as StateDef[]).find((candidate) => evaluateRule(candidate, effective, context))
        const next = rule?.Next ?? state.Default
        if (next === undefined) {
          throw new StatesError('States.NoChoiceMatched', `No Matches! (state '${name}', input ${JSON.stringify(effective)})`)
        }
        result = {output: outputPath(state, effective, context), next}
        break
      }
      case 'Wait': {
        const effective = inputPath(state, raw, context)
        await scope.sleep(this.emulator.clock, this.waitMs(state, effective, context))
        result = {output: outputPath(state, effective, context), next: state.Next}
        break
      }
      case 'Succeed':
        result = {output: outputPath(state, inputPath(state, raw, context), context)}
        break
      case 'Fail': {
        const error = state.ErrorPath ? readPath(state.ErrorPath, raw, context, 'ErrorPath') : state.Error
        const cause = state.CausePath ? readPath(state.CausePath, raw, context, 'CausePath') : state.Cause
        throw new StatesError(String(error ?? ''), String(cause ?? ''))
      }
      case 'Task':
      case 'Parallel':
      case 'Map':
        result = await this.withRetryAndCatch(state, raw, scope, (retryCount) =>
          this.work(name, state, raw, thread, scope, this.context(name, enteredAt, retryCount), enteredId),
        )
        break
      default:
        throw runtimeError(`Unsupported state type ${type}`)
    }
    const text = JSON.stringify(result.output)
    // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html — 256 KiB per payload.
    if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
      throw new StatesError('States.DataLimitExceeded', `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`)
    }
    this.event(thread, `${type}StateExited`, {stateExitedEventDetails: {name, output: text, outputDetails: {truncated: false}}})
    return result
  }

  /** Task, Parallel and Map: the work, then ResultSelector, ResultPath and OutputPath. */
  private async work(
    name: string,
    state: StateDef,
    raw: Json,
    thread: Thread,
    scope: Scope,
    context: ContextObject,
    enteredId: number,
  ): Promise<StepResult> {
    const effective = inputPath(state, raw, context)
    let value: Json
    if (state.Type === 'Task') value = await this.task(name, state, effective, thread, scope, context, enteredId)
    else if (state.Type === 'Parallel') value = await this.parallel(state, this.parameters(state, effective, context, 'Parameters'), thread, scope)
    else value = await this.map(name, state, effective, thread, scope, context)
    if (state.ResultSelector) value = applyTemplate(state.ResultSelector, value, context, 'ResultSelector')
    return {output: outputPath(state, resultPath(state, raw, value), context), next: state.Next}
  }

  private async withRetryAndCatch(
    state: StateDef,
    raw: Json,
    scope: Scope,
    attempt: (retryCount: number) => Promise<StepResult>,
  ): Promise<StepResult> {
    const retriers = (state.Retry ?? []) as StateDef[]
    const counts = retriers.map(() => 0)
    let retryCount = 0
    for (;;) {
      try {
        return await attempt(retryCount)
      } catch (error) {
        if (!(error instanceof StatesError)) throw error
        const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error.error))
        const retrier = retriers[index]
        if (retrier && counts[index]! < (retrier.MaxAttempts ?? 3)) {
          let delay = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** counts[index]!
          if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds)
          if (retrier.JitterStrategy === 'FULL') delay *= Math.random()
          counts[index]!++
          retryCount++
          await scope.sleep(this.emulator.clock, delay * 1000)
          continue
        }
        const catcher = ((state.Catch ?? []) as StateDef[]).find((c) => errorMatches(c.ErrorEquals, error.error))
        if (!catcher) throw error
        // The error output replaces the input by default; ResultPath: null keeps the input unchanged.
        const errorOutput = {Error: error.error, Cause: error.cause}
        const output = catcher.ResultPath === null ? raw : setPath(raw, catcher.ResultPath ?? '$', errorOutput)
        return {output, next: catcher.Next}
      }
    }
  }

  private parameters(state: StateDef, effective: Json, context: ContextObject, field: string): Json {
    return state[field] === undefined ? effective : applyTemplate(state[field], effective, context, field)
  }

  private waitMs(state: StateDef, effective: Json, context: ContextObject): number {
    if (state.Seconds !== undefined) return state.Seconds * 1000
    if (state.SecondsPath !== undefined) {
      const seconds = readPath(state.SecondsPath, effective, context, 'SecondsPath')
      if (typeof seconds !== 'number' || seconds < 0) {
        throw runtimeError(`The SecondsPath parameter does not reference a valid integer value: ${JSON.stringify(seconds)}`)
      }
      return seconds * 1000
    }
    const timestamp = state.Timestamp ?? readPath(state.TimestampPath, effective, context, 'TimestampPath')
    const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN
    if (Number.isNaN(at)) throw runtimeError(`The TimestampPath parameter does not reference a valid ISO-8601 timestamp: ${JSON.stringify(timestamp)}`)
    return Math.max(0, at - this.emulator.clock.now())
  }

  private async task(
    name: string,
    state: StateDef,
    effective: Json,
    thread: Thread,
    scope: Scope,
    context: ContextObject,
    enteredId: number,
  ): Promise<Json> {
    const parameters = this.parameters(state, effective, context, 'Parameters')
    const resource = state.Resource as string
    checkResource(name, resource, this)
    const problems = parameterProblems(resource, parameters)
    if (problems.length > 0) {
      throw runtimeError(
        `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${problems.join(', ')}]`,
      )
    }
    const names = resourceName(resource)
    const timeoutSeconds = state.TimeoutSeconds ?? (state.TimeoutSecondsPath ? readPath(state.TimeoutSecondsPath, effective, context, 'TimeoutSecondsPath') : undefined)
    this.event(thread, 'TaskScheduled', {
      taskScheduledEventDetails: {
        ...names,
        region: this.region,
        parameters: JSON.stringify(parameters),
        ...(timeoutSeconds !== undefined ? {timeoutInSeconds: timeoutSeconds} : {}),
      },
    })
    this.event(thread, 'TaskStarted', {taskStartedEventDetails: names})
    const taskScope = new Scope(scope)
    let timer: ReturnType<typeof this.emulator.clock.setTimeout> | undefined
    const timedOut = new Promise<never>((_, reject) => {
      if (timeoutSeconds === undefined || timeoutSeconds >= MAX_TIMEOUT_SECONDS) return
      timer = this.emulator.clock.setTimeout(() => {
        reject(new StatesError('States.Timeout', `Task '${name}' timed out after ${timeoutSeconds} seconds`))
        taskScope.halt()
      }, timeoutSeconds * 1000)
    })
    try {
      const output = await Promise.race([
        invokeResource(resource, parameters, {
          emulator: this.emulator,
          region: this.region,
          scope: taskScope,
          stateName: name,
          executionArn: this.execution.executionArn,
          submitted: (out) => this.event(thread, 'TaskSubmitted', {taskSubmittedEventDetails: {...names, output: JSON.stringify(out), outputDetails: {truncated: false}}}),
        }),
        timedOut,
        // A handler that ignores the stop still must not hold the execution.
        new Promise<never>((_, reject) => taskScope.onHalt(() => reject(new ExecutionHalted()))),
      ])
      this.event(thread, 'TaskSucceeded', {taskSucceededEventDetails: {...names, output: JSON.stringify(output), outputDetails: {truncated: false}}})
      return output
    } catch (error) {
      if (error instanceof ExecutionHalted && !scope.halted) {
        // Only the task's own scope halted: that was the timeout, already reported by the race.
        throw new StatesError('States.Timeout', `Task '${name}' timed out after ${timeoutSeconds} seconds`)
      }
      if (error instanceof StatesError) {
        if (error.error === 'States.Timeout') this.event(thread, 'TaskTimedOut', {taskTimedOutEventDetails: {...names, error: error.error, cause: error.cause}})
        else this.event(thread, 'TaskFailed', {taskFailedEventDetails: {...names, error: error.error, cause: error.cause}})
      }
      throw error
    } finally {
      this.emulator.clock.clearTimeout(timer)
    }
  }

  private async parallel(state: StateDef, input: Json, thread: Thread, scope: Scope): Promise<Json> {
    this.event(thread, 'ParallelStateStarted')
    const branches = state.Branches as Machine[]
    const results = await this.fanOut(
      branches.length,
      0,
      scope,
      (i, branchScope) => this.runMachine(branches[i]!, input, {last: thread.last}, branchScope),
      thread,
      'ParallelState',
    )
    this.event(thread, 'ParallelStateSucceeded')
    return results
  }

  private async map(name: string, state: StateDef, effective: Json, thread: Thread, scope: Scope, context: ContextObject): Promise<Json> {
    const items = state.ItemsPath === undefined ? effective : readPath(state.ItemsPath, effective, context, 'ItemsPath')
    if (!Array.isArray(items)) {
      throw runtimeError(`Map state '${name}': the ItemsPath field must point to a JSON array, got ${JSON.stringify(items)}`)
    }
    const processor = (state.ItemProcessor ?? state.Iterator) as Machine & {ProcessorConfig?: {Mode?: string}}
    const selector = state.ItemSelector ?? state.Parameters
    this.event(thread, 'MapStateStarted', {mapStateStartedEventDetails: {length: items.length}})
    if (processor.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      const inputs = items.map((item, index) =>
        selector === undefined ? item : applyTemplate(selector, effective, {...context, Map: {Item: {Index: index, Value: item}}}, 'ItemSelector'),
      )
      const results = await runDistributedMap(this, {name, state, processor, inputs, effective, context, thread, scope})
      this.event(thread, 'MapStateSucceeded')
      return results
    }
    const results = await this.fanOut(
      items.length,
      state.MaxConcurrency ?? (state.MaxConcurrencyPath ? Number(readPath(state.MaxConcurrencyPath, effective, context, 'MaxConcurrencyPath')) : 0),
      scope,
      (index, itemScope) => {
        const iteration: Thread = {last: thread.last}
        this.event(iteration, 'MapIterationStarted', {mapIterationStartedEventDetails: {name, index}})
        const itemContext = {...context, Map: {Item: {Index: index, Value: items[index]}}}
        const input = selector === undefined ? items[index] : applyTemplate(selector, effective, itemContext, 'ItemSelector')
        return this.runMachine(processor, input, iteration, itemScope).then(
          (output) => {
            this.event(iteration, 'MapIterationSucceeded', {mapIterationSucceededEventDetails: {name, index}})
            return output
          },
          (error: unknown) => {
            const type = error instanceof StatesError ? 'MapIterationFailed' : 'MapIterationAborted'
            this.event(iteration, type, {[type === 'MapIterationFailed' ? 'mapIterationFailedEventDetails' : 'mapIterationAbortedEventDetails']: {name, index}})
            throw error
          },
        )
      },
      thread,
      'MapState',
    )
    this.event(thread, 'MapStateSucceeded')
    return results
  }

  /**
   * Runs `count` branches with at most `limit` at a time (0: no limit). The first failure halts
   * the others and becomes the state's error; a halt from above propagates as is.
   */
  private async fanOut(
    count: number,
    limit: number,
    scope: Scope,
    run: (index: number, scope: Scope) => Promise<Json>,
    thread: Thread,
    prefix: 'ParallelState' | 'MapState',
  ): Promise<Json[]> {
    const group = new Scope(scope)
    const results: Json[] = new Array(count)
    let failure: StatesError | undefined
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < count && !group.halted) {
        const index = next++
        try {
          results[index] = await run(index, group)
        } catch (error) {
          if (error instanceof StatesError) {
            failure ??= error
            group.halt()
          } else if (!(error instanceof ExecutionHalted)) {
            failure ??= runtimeError(String((error as Error)?.message ?? error))
            group.halt()
          }
          return
        }
      }
    }
    const workers = Math.max(1, limit > 0 ? Math.min(limit, count) : count)
    await Promise.all(Array.from({length: workers}, () => worker()))
    scope.check()
    if (failure) {
      this.event(thread, `${prefix}Failed`)
      throw failure
    }
    return results
  }
}

function inputPath(state: StateDef, raw: Json, context: ContextObject): Json {
  if (state.InputPath === null) return {}
  return state.InputPath === undefined ? raw : readPath(state.InputPath, raw, context, 'InputPath')
}

function outputPath(state: StateDef, value: Json, context: ContextObject): Json {
  if (state.OutputPath === null) return {}
  return state.OutputPath === undefined ? value : readPath(state.OutputPath, value, context, 'OutputPath')
}

function resultPath(state: StateDef, raw: Json, result: Json): Json {
  if (state.ResultPath === null) return raw
  return setPath(raw, state.ResultPath ?? '$', result)
}
