import {AwsError} from '../../aws-error.js'
import type {Emulator} from '../../emulator.js'
import {EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_EVENT_BYTES} from './put-log-events.js'

/** What emulated jobs write: lines with their timestamps (epoch ms). */
export interface AppendLogEvents {
  logGroupName: string
  logStreamName: string
  events: Array<{timestamp: number; message: string}>
}

const DAY = 86_400_000

/**
 * For other emulated services (a Batch job's awslogs driver): creates the group and stream if
 * needed and puts the events in as many PutLogEvents calls as AWS's limits require (10,000
 * events, 1 MB, 24 hours per batch), as the awslogs driver does. Empty lines are skipped and
 * over-long ones truncated, since PutLogEvents accepts neither. Returns the number of calls.
 */
export async function appendLogEvents(emulator: Emulator, region: string, input: AppendLogEvents): Promise<number> {
  const {logGroupName, logStreamName} = input
  await ignoreExisting(emulator.invoke('logs', 'CreateLogGroup', {logGroupName}, region))
  await ignoreExisting(emulator.invoke('logs', 'CreateLogStream', {logGroupName, logStreamName}, region))
  const events = input.events
    .filter((event) => event.message.length > 0)
    .map((event) => ({timestamp: event.timestamp, message: truncate(event.message)}))
    .sort((a, b) => a.timestamp - b.timestamp)
  let calls = 0
  let batch: typeof events = []
  let bytes = 0
  const flush = async () => {
    if (batch.length === 0) return
    await emulator.invoke('logs', 'PutLogEvents', {logGroupName, logStreamName, logEvents: batch}, region)
    calls++
    batch = []
    bytes = 0
  }
  for (const event of events) {
    const size = Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES
    const first = batch[0]
    if (batch.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES || (first && event.timestamp - first.timestamp > DAY)) {
      await flush()
    }
    batch.push(event)
    bytes += size
  }
  await flush()
  return calls
}

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call
  } catch (error) {
    if (!(error instanceof AwsError && error.code === 'ResourceAlreadyExistsException')) throw error
  }
}

/** Cuts a message to the per-event limit on a UTF-8 character boundary. */
function truncate(message: string): string {
  const max = MAX_EVENT_BYTES - EVENT_OVERHEAD_BYTES
  if (Buffer.byteLength(message) <= max) return message
  const bytes = Buffer.from(message).subarray(0, max)
  // Dropping an incomplete trailing character: decode and drop a replacement char if one appeared.
  return bytes.toString('utf8').replace(/\uFFFD$/, '')
}
