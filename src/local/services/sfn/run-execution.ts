import {Interpreter, MAX_HISTORY_EVENTS} from './interpreter/interpreter.js'
import {Scope} from './interpreter/scope.js'
import {ExecutionHalted, StatesError} from './interpreter/states-error.js'
import type {ExecutionRecord, SfnState} from './state.js'

/** Closes an execution: final status, stop date and the closing history event. */
function close(execution: ExecutionRecord, interpreter: Interpreter, status: ExecutionRecord['status'], now: number, fields: {output?: string; error?: string; cause?: string}): void {
  if (execution.status !== 'RUNNING') return
  const thread = {last: execution.history.length}
  switch (status) {
    case 'SUCCEEDED':
      interpreter.event(thread, 'ExecutionSucceeded', {executionSucceededEventDetails: {output: fields.output, outputDetails: {truncated: false}}})
      break
    case 'FAILED':
      interpreter.event(thread, 'ExecutionFailed', {executionFailedEventDetails: {error: fields.error, cause: fields.cause}})
      break
    case 'ABORTED':
      interpreter.event(thread, 'ExecutionAborted', {executionAbortedEventDetails: {error: fields.error, cause: fields.cause}})
      break
    case 'TIMED_OUT':
      interpreter.event(thread, 'ExecutionTimedOut', {executionTimedOutEventDetails: {error: fields.error, cause: fields.cause}})
      break
  }
  Object.assign(execution, {status, stopDate: now}, fields)
}

/** Starts the interpreter for a new execution; it runs on the emulator's clock in the background. */
export function launch(state: SfnState, execution: ExecutionRecord, definition: Record<string, any>): void {
  const {emulator} = state
  const scope = new Scope()
  // "On the next state transition, the state machine's executions are terminated" (DeleteStateMachine).
  const onTransition = (): void => {
    if (state.stateMachines.get(execution.stateMachineArn)?.status !== 'ACTIVE') {
      halt('States.Runtime', 'The state machine was deleted', 'ABORTED')
    }
  }
  const historyFull = (): void =>
    halt('States.Runtime', `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`, 'FAILED')
  const interpreter = new Interpreter(execution, emulator, state.region, scope, onTransition, historyFull)
  interpreter.event({last: 0}, 'ExecutionStarted', {
    executionStartedEventDetails: {
      input: execution.input,
      inputDetails: {truncated: false},
      roleArn: execution.roleArn,
      ...(execution.stateMachineVersionArn ? {stateMachineVersionArn: execution.stateMachineVersionArn} : {}),
    },
  })
  let timeout: ReturnType<typeof emulator.clock.setTimeout> | undefined
  const halt = (error: string, cause: string, kind: 'ABORTED' | 'TIMED_OUT' | 'FAILED'): void => {
    close(execution, interpreter, kind, emulator.clock.now(), {
      ...(error ? {error} : {}),
      ...(cause ? {cause} : {}),
    })
    state.running.delete(execution.executionArn)
    emulator.clock.clearTimeout(timeout)
    scope.halt()
  }
  state.running.set(execution.executionArn, halt)
  if (typeof definition.TimeoutSeconds === 'number') {
    timeout = emulator.clock.setTimeout(
      () => halt('States.Timeout', `The execution timed out after ${definition.TimeoutSeconds} seconds`, 'TIMED_OUT'),
      definition.TimeoutSeconds * 1000,
    )
  }
  interpreter
    .run(definition as never, {last: 1})
    .then(
      (output) => close(execution, interpreter, 'SUCCEEDED', emulator.clock.now(), {output: JSON.stringify(output)}),
      (error: unknown) => {
        if (error instanceof ExecutionHalted) return
        const failure = error instanceof StatesError ? error : new StatesError('States.Runtime', String((error as Error)?.message ?? error))
        close(execution, interpreter, 'FAILED', emulator.clock.now(), {error: failure.error, cause: failure.cause})
      },
    )
    .finally(() => {
      if (state.running.get(execution.executionArn) === halt) state.running.delete(execution.executionArn)
      emulator.clock.clearTimeout(timeout)
    })
}
