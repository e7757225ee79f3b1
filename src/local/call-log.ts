/** One request the emulator answered, for tests that assert what was called and in what order. */
export interface CallRecord {
  seq: number
  /** Virtual epoch ms when the request arrived. */
  time: number
  service: string
  operation: string
  region: string
  status: number
  /** The error code when the call failed. */
  error?: string
  /** Whether fault injection produced the error. */
  injected?: boolean
  /** Decoded input, for asserting the requests made. */
  input: unknown
  /** Real milliseconds spent answering, including injected latency. */
  durationMs: number
}

/** Bounded so a long benchmark cannot grow memory without limit. */
export class CallLog {
  private records: CallRecord[] = []
  private seq = 0

  constructor(private readonly limit = 200_000) {}

  add(record: Omit<CallRecord, 'seq'>): CallRecord {
    const full = {...record, seq: ++this.seq}
    this.records.push(full)
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit)
    return full
  }

  all(): readonly CallRecord[] {
    return this.records
  }

  /** Calls matching a service and, optionally, an operation. */
  find(service: string, operation?: string): CallRecord[] {
    return this.records.filter((r) => r.service === service && (!operation || r.operation === operation))
  }

  count(service: string, operation?: string): number {
    return this.find(service, operation).length
  }

  clear(): void {
    this.records = []
  }
}
