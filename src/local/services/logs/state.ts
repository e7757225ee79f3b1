import type {Emulator} from '../../emulator.js'

/** One stored log event. `seq` orders events with equal timestamps by arrival. */
export interface StoredEvent {
  timestamp: number
  message: string
  ingestionTime: number
  seq: number
}

/** A log stream: events kept sorted by (timestamp, seq), as GetLogEvents reads them. */
export interface LogStream {
  name: string
  creationTime: number
  events: StoredEvent[]
  firstEventTimestamp?: number
  lastEventTimestamp?: number
  lastIngestionTime?: number
  uploadSequenceToken?: string
}

export interface LogGroup {
  name: string
  creationTime: number
  retentionInDays?: number
  kmsKeyId?: string
  logGroupClass: string
  tags: Record<string, string>
  streams: Map<string, LogStream>
  /** Sum of the UTF-8 sizes of stored messages (AWS reports compressed bytes, updated lazily). */
  storedBytes: number
}

/** What a live tail session is told when events are put. */
export type LogListener = (group: LogGroup, stream: LogStream, events: StoredEvent[]) => void

/** CloudWatch Logs state of one region. */
export interface LogsState {
  region: string
  accountId: string
  emulator: Emulator
  groups: Map<string, LogGroup>
  /** Increases with every stored event: the arrival order, and the tie-breaker in tokens. */
  nextSeq: number
  listeners: Set<LogListener>
}

export function createLogsState(init: {region: string; accountId: string; emulator: Emulator}): LogsState {
  return {...init, groups: new Map(), nextSeq: 1, listeners: new Set()}
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (the `logGroupArn`, no trailing `:*`). */
export function logGroupArn(state: LogsState, name: string): string {
  return `arn:aws:logs:${state.region}:${state.accountId}:log-group:${name}`
}

export function logStreamArn(state: LogsState, group: string, stream: string): string {
  return `${logGroupArn(state, group)}:log-stream:${stream}`
}

/** Plain JSON of the state, for the emulator's state file. */
export function saveLogsState(state: LogsState): unknown {
  return {
    nextSeq: state.nextSeq,
    groups: [...state.groups.values()].map((group) => ({...group, streams: [...group.streams.values()]})),
  }
}

export function restoreLogsState(state: LogsState, saved: unknown): void {
  const data = saved as {nextSeq?: number; groups?: Array<Omit<LogGroup, 'streams'> & {streams: LogStream[]}>}
  state.nextSeq = data.nextSeq ?? 1
  state.groups.clear()
  for (const group of data.groups ?? []) {
    state.groups.set(group.name, {...group, streams: new Map(group.streams.map((stream) => [stream.name, stream]))})
  }
}
