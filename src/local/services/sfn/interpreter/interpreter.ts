import type {Emulator} from '../../../emulator.js'
import type {ExecutionRecord, HistoryEventRecord} from '../state.js'
import {evaluateRule} from './choice.js'
import {type ContextObject, contextFor} from './context.js'
import {runDistributedMap} from './distributed-map.js'
import {inputPath, outputPath, resultPath} from './io-paths.js'
import {readPath} from './json-path.js'
import {applyTemplate} from './payload.js'
import {type StepResult, withRetryAndCatch} from './retry-catch.js'
import {Scope} from './scope.js'
import {ExecutionHalted, runtimeError, StatesError} from './states-error.js'
import {runTaskState} from './task-state.js'

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

const MAX_PAYLOAD_BYTES = 256 * 1024

/**
 * AWS: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html — at most 25,000
 * events in one execution's history; an execution that reaches it fails (States.Runtime), its
 * ExecutionFailed event being the 25,000th.
 */
export const MAX_HISTORY_EVENTS = 25_000

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
    /** Called when the history has room for the closing event only: the execution must fail now. */
    private readonly onHistoryFull: () => void = () => {},
  ) {
    this.input = JSON.parse(execution.input)
  }

  /** Appends a history event (nothing once the execution has closed). */
  event(thread: Thread, type: string, details?: Record<string, unknown>): number {
    const history = this.execution.history
    // Work still finishing after a stop or timeout must not add to a closed history.
    if (this.execution.status !== 'RUNNING' || thread.silent) return thread.last
    // The last slot is the closing Execution* event's; any other event there ends the execution.
    if (history.length >= MAX_HISTORY_EVENTS - 1 && !type.startsWith('Execution')) {
      this.onHistoryFull()
      return thread.last
    }
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
        result = await withRetryAndCatch(state, raw, scope, this.emulator.clock, (retryCount) =>
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
    if (state.Type === 'Task') value = await runTaskState(this, {name, state, effective, thread, scope, context, enteredId})
    else if (state.Type === 'Parallel') value = await this.parallel(state, this.parameters(state, effective, context, 'Parameters'), thread, scope)
    else value = await this.map(name, state, effective, thread, scope, context)
    if (state.ResultSelector) value = applyTemplate(state.ResultSelector, value, context, 'ResultSelector')
    return {output: outputPath(state, resultPath(state, raw, value), context), next: state.Next}
  }

  /** Parameters (or another payload template field) applied to the effective input. */
  parameters(state: StateDef, effective: Json, context: ContextObject, field: string): Json {
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
