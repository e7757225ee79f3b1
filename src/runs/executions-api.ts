/**
 * The narrow view of Step Functions executions (and of the Batch jobs behind their steps) that
 * the run services use. The SDK-backed implementation lives in `src/aws/runs/`; services receive
 * it as a parameter, so they hold no SDK types and tests need no module mocking.
 */

/** Execution states (DescribeExecution `status`). */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE'

/** One execution as ListExecutions / DescribeExecution return it; dates in epoch ms. */
export interface ExecutionInfo {
  executionArn: string
  stateMachineArn: string
  name: string
  status: ExecutionStatus
  startDate: number
  stopDate?: number
  /** DescribeExecution only. */
  input?: string
  output?: string
  error?: string
  cause?: string
}

/**
 * One history event, flattened: the `*EventDetails` member the type carries is folded into the
 * optional fields (name for state entered/exited, error/cause for failures, output for
 * TaskSubmitted / TaskSucceeded, length for MapStateStarted, index for Map iterations).
 */
export interface HistoryEvent {
  id: number
  previousEventId?: number
  type: string
  timestamp: number
  name?: string
  error?: string
  cause?: string
  output?: string
  resourceType?: string
  resource?: string
  length?: number
  index?: number
}

/** The parts of a Batch JobDetail a run follows. */
export interface JobProgress {
  jobId: string
  jobName?: string
  status: string
  statusReason?: string
  /** Array parent: its size. */
  arraySize?: number
  /** Array parent: children per status. */
  statusSummary?: Record<string, number>
}

/** The account and partition the credentials belong to (STS GetCallerIdentity). */
export interface CallerIdentity {
  account: string
  partition: string
}

/** Step Functions refused a start because an execution with that name exists (closed, or other input). */
export class ExecutionAlreadyExistsError extends Error {
  override readonly name = 'ExecutionAlreadyExistsError'
}

/** The state machine (or execution) does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
}

export interface ExecutionsApi {
  callerIdentity(): Promise<CallerIdentity>
  /** ARNs of state machines with this exact name (ListStateMachines, all pages). */
  findStateMachines(name: string): Promise<string[]>
  /** StartExecution; throws ExecutionAlreadyExistsError or NotFoundError (StateMachineDoesNotExist). */
  start(request: {stateMachineArn: string; name: string; input: string}): Promise<{executionArn: string; startDate: number}>
  /** DescribeExecution; throws NotFoundError. */
  describe(executionArn: string): Promise<ExecutionInfo>
  /** The ASL definition the execution runs (DescribeStateMachineForExecution), a JSON text. */
  definition(executionArn: string): Promise<string>
  /** History events with an id above `afterId`, oldest first (all pages). */
  historySince(executionArn: string, afterId: number): Promise<HistoryEvent[]>
  /** Most recent executions first; at most `max`. */
  list(stateMachineArn: string, max: number): Promise<ExecutionInfo[]>
  stop(executionArn: string, error?: string, cause?: string): Promise<void>
  /** DescribeJobs for any number of ids (batched by the adapter); unknown ids are left out. */
  describeJobs(jobIds: string[]): Promise<JobProgress[]>
}
