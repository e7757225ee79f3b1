import {randomUUID} from 'node:crypto'

import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {constraint, executionDoesNotExist, invalidArn} from './errors.js'
import {paginate} from './pagination.js'
import {MAX_HISTORY_EVENTS} from './interpreter/interpreter.js'
import {launch} from './run-execution.js'
import {epochSeconds, type ExecutionRecord, executionArn, type SfnState} from './state.js'
import {findStateMachine} from './state-machines.js'
import {checkName} from './validate-input.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StopExecution.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html

/** Execution input is at most 256 KiB of UTF-8. */
const MAX_INPUT_BYTES = 256 * 1024
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']

function checkInput(input: unknown): string {
  if (input === undefined || input === null) return '{}'
  if (typeof input !== 'string') throw new AwsError('InvalidExecutionInput', 'Invalid execution input: not a string')
  if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
    throw constraint('<input>', 'input', `Member must have length less than or equal to ${MAX_INPUT_BYTES}`)
  }
  try {
    JSON.parse(input)
  } catch (error) {
    throw new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`)
  }
  return input
}

function findExecution(state: SfnState, arn: unknown): ExecutionRecord {
  if (typeof arn !== 'string' || arn === '') throw constraint('null', 'executionArn', 'Member must not be null')
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:(execution|express):[^:]+:[^:]+(:[^:]+)?$/.test(arn)) throw invalidArn(arn)
  const execution = state.executions.get(arn)
  if (!execution) throw executionDoesNotExist(arn)
  return execution
}

/**
 * DescribeExecution, GetExecutionHistory, StopExecution and DescribeStateMachineForExecution are
 * "not supported by EXPRESS state machines" (their API reference pages). Of the errors those pages
 * list, InvalidArn is the one that fits: an express execution ARN is not valid there.
 */
function findStandardExecution(state: SfnState, arn: unknown): ExecutionRecord {
  const execution = findExecution(state, arn)
  if (execution.type === 'EXPRESS') throw invalidArn(execution.executionArn, 'Resource type not valid in this context: express')
  return execution
}

const startExecution: Handler<SfnState> = (input, {state, clock}) => {
  const {machine, version} = findStateMachine(state, input.stateMachineArn)
  if (machine.status === 'DELETING') {
    throw new AwsError('StateMachineDeleting', `State Machine is being deleted: '${machine.stateMachineArn}'`)
  }
  const name = input.name === undefined || input.name === null ? randomUUID() : checkName(input.name)
  const body = checkInput(input.input)
  const express = machine.type === 'EXPRESS' ? randomUUID() : undefined
  const arn = executionArn(state, machine.name, name, express)
  const existing = state.executions.get(arn)
  if (existing) {
    // Standard workflows: the same name and input on a running execution is the same call;
    // a different input, or a closed execution, is ExecutionAlreadyExists.
    if (existing.status === 'RUNNING' && existing.input === body) {
      return {executionArn: arn, startDate: epochSeconds(existing.startDate)}
    }
    throw new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`)
  }
  const v = version === undefined ? undefined : machine.versions.find((candidate) => candidate.version === version)
  const definition = v?.definition ?? machine.definition
  const now = clock.now()
  const execution: ExecutionRecord = {
    executionArn: arn,
    stateMachineArn: machine.stateMachineArn,
    ...(v ? {stateMachineVersionArn: `${machine.stateMachineArn}:${v.version}`} : {}),
    name,
    status: 'RUNNING',
    input: body,
    startDate: now,
    definition,
    roleArn: v?.roleArn ?? machine.roleArn,
    type: machine.type,
    history: [],
  }
  state.executions.set(arn, execution)
  launch(state, execution, JSON.parse(definition))
  return {executionArn: arn, startDate: epochSeconds(now)}
}

/**
 * Whether RedriveExecution could restart this execution, and why not.
 * AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
 * (redriveStatus; redriveStatusReason "State machine is in DELETING status.", "Execution is RUNNING
 * and cannot be redriven.", "Execution is SUCCEEDED and cannot be redriven.", "Execution history
 * event limit exceeded.", ...). Failed, timed-out and aborted STANDARD executions are redrivable.
 */
function redrive(state: SfnState, execution: ExecutionRecord): {redriveStatus: string; redriveStatusReason?: string} {
  const not = (reason: string) => ({redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: reason})
  if (execution.status === 'RUNNING') return not('Execution is RUNNING and cannot be redriven.')
  if (execution.status === 'SUCCEEDED') return not('Execution is SUCCEEDED and cannot be redriven.')
  if (state.stateMachines.get(execution.stateMachineArn)?.status === 'DELETING') return not('State machine is in DELETING status.')
  if (execution.history.length >= MAX_HISTORY_EVENTS) return not('Execution history event limit exceeded.')
  return {redriveStatus: 'REDRIVABLE'}
}

function describe(state: SfnState, execution: ExecutionRecord): Record<string, unknown> {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    ...(execution.stateMachineVersionArn ? {stateMachineVersionArn: execution.stateMachineVersionArn} : {}),
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    ...(execution.stopDate !== undefined ? {stopDate: epochSeconds(execution.stopDate)} : {}),
    input: execution.input,
    inputDetails: {included: true},
    ...(execution.output !== undefined ? {output: execution.output, outputDetails: {included: true}} : {}),
    ...(execution.error !== undefined ? {error: execution.error} : {}),
    ...(execution.cause !== undefined ? {cause: execution.cause} : {}),
    redriveCount: 0,
    ...redrive(state, execution),
  }
}

const describeExecution: Handler<SfnState> = (input, {state}) => describe(state, findStandardExecution(state, input.executionArn))

const listExecutions: Handler<SfnState> = (input, {state}) => {
  const {machine, version} = findStateMachine(state, input.stateMachineArn)
  if (machine.type === 'EXPRESS') {
    throw new AwsError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine')
  }
  if (input.statusFilter !== undefined && !STATUSES.includes(input.statusFilter)) {
    throw constraint(input.statusFilter, 'statusFilter', `Member must satisfy enum value set: [${STATUSES.join(', ')}]`)
  }
  const versionArn = version === undefined ? undefined : `${machine.stateMachineArn}:${version}`
  // Newest first, as the console and API list them.
  const executions = [...state.executions.values()]
    .filter((e) => e.stateMachineArn === machine.stateMachineArn)
    .filter((e) => versionArn === undefined || e.stateMachineVersionArn === versionArn)
    .filter((e) => input.statusFilter === undefined || e.status === input.statusFilter)
    .reverse()
  const {page, nextToken} = paginate(executions, input, `executions:${input.stateMachineArn}:${input.statusFilter ?? ''}`)
  return {
    executions: page.map((e) => ({
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      ...(e.stateMachineVersionArn ? {stateMachineVersionArn: e.stateMachineVersionArn} : {}),
      name: e.name,
      status: e.status,
      startDate: epochSeconds(e.startDate),
      ...(e.stopDate !== undefined ? {stopDate: epochSeconds(e.stopDate)} : {}),
      redriveCount: 0,
    })),
    ...(nextToken ? {nextToken} : {}),
  }
}

const stopExecution: Handler<SfnState> = (input, {state, clock}) => {
  const execution = findStandardExecution(state, input.executionArn)
  const halt = state.running.get(execution.executionArn)
  if (halt) halt(typeof input.error === 'string' ? input.error : '', typeof input.cause === 'string' ? input.cause : '', 'ABORTED')
  return {stopDate: epochSeconds(execution.stopDate ?? clock.now())}
}

const getExecutionHistory: Handler<SfnState> = (input, {state}) => {
  const execution = findStandardExecution(state, input.executionArn)
  const includeData = input.includeExecutionData !== false
  let events = execution.history.map((event) => {
    const out: Record<string, unknown> = {...event, timestamp: epochSeconds(event.timestamp)}
    if (!includeData) stripData(out)
    return out
  })
  if (input.reverseOrder === true) events = events.reverse()
  const {page, nextToken} = paginate(events, input, `history:${execution.executionArn}:${input.reverseOrder === true}`)
  return {events: page, ...(nextToken ? {nextToken} : {})}
}

/** `includeExecutionData: false` leaves out inputs, outputs and parameters. */
function stripData(event: Record<string, unknown>): void {
  for (const value of Object.values(event)) {
    if (!value || typeof value !== 'object') continue
    const details = value as Record<string, unknown>
    for (const key of ['input', 'output', 'parameters']) delete details[key]
  }
}

/** The definition an execution runs (it may have changed since the execution started). */
const describeStateMachineForExecution: Handler<SfnState> = (input, {state}) => {
  const execution = findStandardExecution(state, input.executionArn)
  const machine = state.stateMachines.get(execution.stateMachineArn)
  return {
    stateMachineArn: execution.stateMachineArn,
    name: machine?.name ?? execution.stateMachineArn.split(':')[6],
    definition: execution.definition,
    roleArn: execution.roleArn,
    updateDate: epochSeconds(machine?.updateDate ?? machine?.creationDate ?? execution.startDate),
    loggingConfiguration: machine?.loggingConfiguration ?? {level: 'OFF', includeExecutionData: false},
    tracingConfiguration: machine?.tracingConfiguration ?? {enabled: false},
    ...(execution.stateMachineVersionArn ? {stateMachineVersionArn: execution.stateMachineVersionArn} : {}),
  }
}

export const executionHandlers: Record<string, Handler<SfnState>> = {
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  StartExecution: startExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  StopExecution: stopExecution,
  GetExecutionHistory: getExecutionHistory,
}
