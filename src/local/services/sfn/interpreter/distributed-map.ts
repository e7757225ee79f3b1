import {randomUUID} from 'node:crypto'

import type {MapRunCounts, MapRunRecord, SfnState} from '../state.js'
import type {ContextObject} from './context.js'
import type {Interpreter, Machine, Thread} from './interpreter.js'
import {readPath} from './json-path.js'
import {Scope} from './scope.js'
import {ExecutionHalted, runtimeError, StatesError} from './states-error.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
// A Distributed Map runs each item as a child workflow of a Map Run: the parent history shows
// MapRunStarted / MapRunSucceeded | MapRunFailed, not the iterations. The run fails with
// States.ExceedToleratedFailureThreshold once failures pass ToleratedFailureCount or
// ToleratedFailurePercentage (both 0 by default). Items come from ItemsPath only (no S3
// ItemReader in the emulator); ItemBatcher's MaxItemsPerBatch groups them.

type Json = any

export interface DistributedMapInput {
  name: string
  state: Record<string, any>
  processor: Machine
  inputs: Json[]
  effective: Json
  context: ContextObject
  thread: Thread
  scope: Scope
}

const counts = (total: number): MapRunCounts => ({
  pending: total,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
})

function setting(state: Record<string, any>, key: string, effective: Json, context: ContextObject): number {
  if (state[key] !== undefined) return Number(state[key])
  if (state[`${key}Path`] !== undefined) return Number(readPath(state[`${key}Path`], effective, context, `${key}Path`))
  return 0
}

function batches(inputs: Json[], state: Record<string, any>): Json[] {
  const size = state.ItemBatcher?.MaxItemsPerBatch
  if (!size) return inputs
  const out: Json[] = []
  for (let i = 0; i < inputs.length; i += size) {
    out.push({...(state.ItemBatcher.BatchInput ? {BatchInput: state.ItemBatcher.BatchInput} : {}), Items: inputs.slice(i, i + size)})
  }
  return out
}

export async function runDistributedMap(host: Interpreter, input: DistributedMapInput): Promise<Json[]> {
  const {name, state, processor, effective, context, thread, scope} = input
  if (state.ItemReader) throw runtimeError(`Map state '${name}': the emulator does not read items from S3 (ItemReader)`)
  const items = batches(input.inputs, state)
  const sfn = host.emulator.state<SfnState>('states', host.region)
  const machineName = host.execution.stateMachineArn.split(':')[6] ?? ''
  const label = state.Label ?? randomUUID()
  const run: MapRunRecord = {
    mapRunArn: `arn:aws:states:${host.region}:${sfn.accountId}:mapRun:${machineName}/${label}:${randomUUID()}`,
    executionArn: host.execution.executionArn,
    stateMachineArn: `${host.execution.stateMachineArn}/${label}`,
    status: 'RUNNING',
    startDate: host.emulator.clock.now(),
    maxConcurrency: setting(state, 'MaxConcurrency', effective, context),
    toleratedFailurePercentage: setting(state, 'ToleratedFailurePercentage', effective, context),
    toleratedFailureCount: setting(state, 'ToleratedFailureCount', effective, context),
    itemCounts: counts(items.length),
  }
  sfn.mapRuns.set(run.mapRunArn, run)
  host.event(thread, 'MapRunStarted', {mapRunStartedEventDetails: {mapRunArn: run.mapRunArn}})
  // With neither threshold set nothing is tolerated; with one or both, exceeding either fails.
  const countSet = state.ToleratedFailureCount !== undefined || state.ToleratedFailureCountPath !== undefined
  const percentSet = state.ToleratedFailurePercentage !== undefined || state.ToleratedFailurePercentagePath !== undefined
  const exceeded = (): boolean => {
    const failed = run.itemCounts.failed
    if (!countSet && !percentSet) return failed > 0
    return (countSet && failed > run.toleratedFailureCount) || (percentSet && (failed / items.length) * 100 > run.toleratedFailurePercentage)
  }
  const group = new Scope(scope)
  const results: Json[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length && !group.halted) {
      const index = next++
      run.itemCounts.pending--
      run.itemCounts.running++
      try {
        results[index] = await host.runMachine(processor, items[index], {last: 0, silent: true}, group)
        run.itemCounts.running--
        run.itemCounts.succeeded++
      } catch (error) {
        run.itemCounts.running--
        if (error instanceof ExecutionHalted) {
          run.itemCounts.aborted++
          return
        }
        run.itemCounts.failed++
        const failure = error instanceof StatesError ? error : runtimeError(String((error as Error)?.message ?? error))
        results[index] = {Error: failure.error, Cause: failure.cause}
        if (exceeded()) group.halt()
      }
    }
  }
  const limit = run.maxConcurrency > 0 ? Math.min(run.maxConcurrency, items.length) : items.length
  await Promise.all(Array.from({length: Math.max(1, limit)}, () => worker()))
  run.stopDate = host.emulator.clock.now()
  if (scope.halted) {
    run.status = 'ABORTED'
    throw new ExecutionHalted()
  }
  if (exceeded()) {
    run.status = 'FAILED'
    const error = new StatesError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded')
    host.event(thread, 'MapRunFailed', {mapRunFailedEventDetails: {error: error.error, cause: error.cause}})
    host.event(thread, 'MapStateFailed')
    throw error
  }
  run.status = 'SUCCEEDED'
  host.event(thread, 'MapRunSucceeded')
  return results
}
