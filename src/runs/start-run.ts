import {randomBytes} from 'node:crypto'
import {readFileSync} from 'node:fs'

import {UserError} from '../errors.js'
import {ExecutionAlreadyExistsError, type ExecutionsApi, NotFoundError} from './executions-api.js'

/** A workflow's state machine in AWS. */
export interface StateMachineRef {
  /** The batch.yaml key. */
  workflow: string
  name: string
  arn: string
}

/** Execution names: 1-80 characters; batchctl keeps to letters, digits, `-` and `_`. */
const MAX_EXECUTION_NAME = 80

/**
 * The state machine ARN from its physical name, the region and the caller's account (STS
 * GetCallerIdentity, one call however many machines); ListStateMachines only when STS fails.
 */
export async function stateMachineRef(api: ExecutionsApi, workflow: string, physical: string, region: string): Promise<StateMachineRef> {
  let identity: {account: string; partition: string}
  try {
    identity = await api.callerIdentity()
  } catch (error) {
    // Without STS (an endpoint that lacks it, a blocked call), find the machine by listing.
    const [arn, ...others] = await api.findStateMachines(physical)
    if (arn === undefined || others.length > 0) throw error
    return {workflow, name: physical, arn}
  }
  return {workflow, name: physical, arn: `arn:${identity.partition}:states:${region}:${identity.account}:stateMachine:${physical}`}
}

/**
 * `<workflow>-<UTC timestamp>-<random>`: made once per `batchctl run`, before the first call, so
 * every retry of StartExecution (the SDK's own, or the user's with `--name`) carries the same name.
 */
export function executionName(workflow: string, now: Date = new Date(), random: string = randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  const suffix = `-${stamp}-${random}`
  const base = workflow.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, MAX_EXECUTION_NAME - suffix.length)
  return `${base}${suffix}`
}

/**
 * `--name` as Step Functions accepts it: 1-80 characters without whitespace, brackets,
 * wildcards, `"#%\\^|~`$&,;:/` or control characters (API_StartExecution, `name`).
 */
export function checkExecutionName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > MAX_EXECUTION_NAME || /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new UserError(`"${name}" is not a valid execution name.`, {
      code: 'invalid-execution-name',
      hints: ['use up to 80 letters, digits, - and _'],
    })
  }
  return name
}

/** `--input`: a JSON text, or `@path` to a file holding one. Returned as compact JSON text. */
export function readRunInput(flag: string | undefined): string {
  if (flag === undefined) return '{}'
  let text = flag
  if (flag.startsWith('@')) {
    const path = flag.slice(1)
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new UserError(`Cannot read the input file ${path}: ${(error as Error).message}`, {code: 'input-unreadable'})
    }
  }
  try {
    return JSON.stringify(JSON.parse(text))
  } catch (error) {
    throw new UserError(`--input is not valid JSON: ${(error as Error).message}`, {
      code: 'input-invalid',
      hints: [`pass a JSON object, e.g. --input '{"sample":"s1"}', or @file.json`],
    })
  }
}

export interface StartedRun {
  executionArn: string
  name: string
  startDate: number
  /** The start had already happened (same name and input): this is that execution, not a new one. */
  reused: boolean
}

function sameJson(a: string | undefined, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a ?? '{}')) === JSON.stringify(JSON.parse(b))
  } catch {
    return false
  }
}

/**
 * Starts a named execution. Step Functions answers a repeated StartExecution with the same name
 * and input on a running STANDARD execution with that execution; once it has closed it answers
 * ExecutionAlreadyExists, which is the same run when the input matches.
 * See https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export async function startRun(api: ExecutionsApi, machine: StateMachineRef, request: {name: string; input: string}): Promise<StartedRun> {
  const executionArn = machine.arn.replace(':stateMachine:', ':execution:') + `:${request.name}`
  try {
    const started = await api.start({stateMachineArn: machine.arn, name: request.name, input: request.input})
    return {executionArn: started.executionArn, name: request.name, startDate: started.startDate, reused: false}
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new UserError(`Workflow "${machine.workflow}" is not deployed: no state machine ${machine.name} in AWS.`, {
        code: 'workflow-not-deployed',
        hints: ['run `batchctl plan` and `batchctl apply` to create it', 'check --region, --env and --profile'],
        cause: error,
      })
    }
    if (!(error instanceof ExecutionAlreadyExistsError)) throw error
    const existing = await api.describe(executionArn)
    if (!sameJson(existing.input, request.input)) {
      throw new UserError(`An execution named ${request.name} already exists with a different input.`, {
        code: 'execution-exists',
        hints: ['choose another --name, or leave --name out for a fresh one'],
        cause: error,
      })
    }
    return {executionArn, name: request.name, startDate: existing.startDate, reused: true}
  }
}
