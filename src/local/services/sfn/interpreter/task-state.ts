import type {ContextObject} from './context.js'
import type {Interpreter, Thread} from './interpreter.js'
import {readPath} from './json-path.js'
import {Scope} from './scope.js'
import {ExecutionHalted, runtimeError, StatesError} from './states-error.js'
import {checkResource, invokeResource, parameterProblems, resourceName} from './tasks.js'

type Json = any

/** Task states wait this long at most when no TimeoutSeconds is given (AWS's "no timeout"). */
const MAX_TIMEOUT_SECONDS = 99_999_999

export interface TaskStateArgs {
  name: string
  state: Record<string, any>
  effective: Json
  thread: Thread
  scope: Scope
  context: ContextObject
  /** Id of the TaskStateEntered event, quoted in AWS's parameter errors. */
  enteredId: number
}

/**
 * One attempt of a Task state: checks the resource and parameters as AWS does before
 * scheduling, records TaskScheduled / TaskStarted / (TaskSubmitted) / TaskSucceeded |
 * TaskFailed | TaskTimedOut, and honours TimeoutSeconds on the emulator's clock.
 */
export async function runTaskState(host: Interpreter, args: TaskStateArgs): Promise<Json> {
  const {name, state, effective, thread, scope, context, enteredId} = args
  const parameters = host.parameters(state, effective, context, 'Parameters')
  const resource = state.Resource as string
  checkResource(name, resource, host)
  const problems = parameterProblems(resource, parameters)
  if (problems.length > 0) {
    throw runtimeError(
      `An error occurred while executing the state '${name}' (entered at the event id #${enteredId}). The Parameters '${JSON.stringify(parameters)}' could not be used to start the Task: [${problems.join(', ')}]`,
    )
  }
  const names = resourceName(resource)
  const timeoutSeconds = state.TimeoutSeconds ?? (state.TimeoutSecondsPath ? readPath(state.TimeoutSecondsPath, effective, context, 'TimeoutSecondsPath') : undefined)
  host.event(thread, 'TaskScheduled', {
    taskScheduledEventDetails: {
      ...names,
      region: host.region,
      parameters: JSON.stringify(parameters),
      ...(timeoutSeconds !== undefined ? {timeoutInSeconds: timeoutSeconds} : {}),
    },
  })
  host.event(thread, 'TaskStarted', {taskStartedEventDetails: names})
  const taskScope = new Scope(scope)
  let timer: ReturnType<typeof host.emulator.clock.setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    if (timeoutSeconds === undefined || timeoutSeconds >= MAX_TIMEOUT_SECONDS) return
    timer = host.emulator.clock.setTimeout(() => {
      reject(new StatesError('States.Timeout', `Task '${name}' timed out after ${timeoutSeconds} seconds`))
      taskScope.halt()
    }, timeoutSeconds * 1000)
  })
  try {
    const output = await Promise.race([
      invokeResource(resource, parameters, {
        emulator: host.emulator,
        region: host.region,
        scope: taskScope,
        stateName: name,
        executionArn: host.execution.executionArn,
        submitted: (out) => host.event(thread, 'TaskSubmitted', {taskSubmittedEventDetails: {...names, output: JSON.stringify(out), outputDetails: {truncated: false}}}),
      }),
      timedOut,
      // A handler that ignores the stop still must not hold the execution.
      new Promise<never>((_, reject) => taskScope.onHalt(() => reject(new ExecutionHalted()))),
    ])
    host.event(thread, 'TaskSucceeded', {taskSucceededEventDetails: {...names, output: JSON.stringify(output), outputDetails: {truncated: false}}})
    return output
  } catch (error) {
    if (error instanceof ExecutionHalted && !scope.halted) {
      // Only the task's own scope halted: that was the timeout, already reported by the race.
      throw new StatesError('States.Timeout', `Task '${name}' timed out after ${timeoutSeconds} seconds`)
    }
    if (error instanceof StatesError) {
      if (error.error === 'States.Timeout') host.event(thread, 'TaskTimedOut', {taskTimedOutEventDetails: {...names, error: error.error, cause: error.cause}})
      else host.event(thread, 'TaskFailed', {taskFailedEventDetails: {...names, error: error.error, cause: error.cause}})
    }
    throw error
  } finally {
    host.emulator.clock.clearTimeout(timer)
  }
}
