import type {Emulator} from '../../emulator.js'

/** A tag as Step Functions carries it (lower-case members). */
export interface SfnTag {
  key: string
  value: string
}

/** One published version of a state machine (`publish: true`). */
export interface StateMachineVersion {
  version: number
  definition: string
  roleArn: string
  revisionId: string
  description?: string
  /** Epoch ms. */
  creationDate: number
}

/** A state machine as stored; Describe answers are built from it. */
export interface StateMachineRecord {
  stateMachineArn: string
  name: string
  status: 'ACTIVE' | 'DELETING'
  type: 'STANDARD' | 'EXPRESS'
  definition: string
  roleArn: string
  description?: string
  loggingConfiguration: Record<string, unknown>
  tracingConfiguration: {enabled: boolean}
  /** As given to Create/UpdateStateMachine (absent: Step Functions' own AWS-owned key). */
  encryptionConfiguration?: Record<string, unknown>
  /** Epoch ms. */
  creationDate: number
  /** Epoch ms of the last UpdateStateMachine. */
  updateDate?: number
  revisionId: string
  tags: SfnTag[]
  versions: StateMachineVersion[]
  /** What the create call carried, for CreateStateMachine's idempotency check. */
  createKey: string
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'

/** One history event in the API's shape (timestamp in epoch ms until it is answered). */
export interface HistoryEventRecord {
  id: number
  previousEventId: number
  type: string
  timestamp: number
  [details: string]: unknown
}

/** An execution and its history. */
export interface ExecutionRecord {
  executionArn: string
  stateMachineArn: string
  /** Set when the execution was started through a version ARN. */
  stateMachineVersionArn?: string
  name: string
  status: ExecutionStatus
  input: string
  output?: string
  error?: string
  cause?: string
  /** Epoch ms. */
  startDate: number
  stopDate?: number
  definition: string
  roleArn: string
  type: 'STANDARD' | 'EXPRESS'
  history: HistoryEventRecord[]
}

/** Item or child-execution counts of a Map Run, as DescribeMapRun reports them. */
export interface MapRunCounts {
  pending: number
  running: number
  succeeded: number
  failed: number
  timedOut: number
  aborted: number
  total: number
  resultsWritten: number
  failuresNotRedrivable: number
  pendingRedrive: number
}

/** A Distributed Map state's run. */
export interface MapRunRecord {
  mapRunArn: string
  executionArn: string
  /** The labelled state machine ARN of the child workflows (`stateMachine:<name>/<label>`). */
  stateMachineArn: string
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED'
  startDate: number
  stopDate?: number
  maxConcurrency: number
  toleratedFailurePercentage: number
  toleratedFailureCount: number
  itemCounts: MapRunCounts
}

/** Step Functions state of one region. */
export interface SfnState {
  region: string
  accountId: string
  emulator: Emulator
  /** By ARN. */
  stateMachines: Map<string, StateMachineRecord>
  /** By ARN, in start order. */
  executions: Map<string, ExecutionRecord>
  /** By Map Run ARN. */
  mapRuns: Map<string, MapRunRecord>
  /** Cancels the interpreter of each running execution (keyed by execution ARN). */
  running: Map<string, (error: string, cause: string, kind: 'ABORTED' | 'TIMED_OUT' | 'FAILED') => void>
  disposed: boolean
}

export function createSfnState(init: {region: string; accountId: string; emulator: Emulator}): SfnState {
  return {...init, stateMachines: new Map(), executions: new Map(), mapRuns: new Map(), running: new Map(), disposed: false}
}

export function stateMachineArn(state: SfnState, name: string): string {
  return `arn:aws:states:${state.region}:${state.accountId}:stateMachine:${name}`
}

/** Standard executions: `...:execution:<machine>:<name>`; express ones carry a run id as well. */
export function executionArn(state: SfnState, machine: string, name: string, express: string | undefined): string {
  return express
    ? `arn:aws:states:${state.region}:${state.accountId}:express:${machine}:${name}:${express}`
    : `arn:aws:states:${state.region}:${state.accountId}:execution:${machine}:${name}`
}

/** awsJson timestamps are epoch seconds; the SDK turns them into Dates. */
export const epochSeconds = (ms: number): number => ms / 1000
