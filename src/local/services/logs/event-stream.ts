import {crc32} from 'node:zlib'

// The `application/vnd.amazon.eventstream` framing the SDK's event stream decoder reads
// (@smithy/core event-streams EventStreamCodec): a prelude (total length, headers length,
// prelude CRC32), string headers, the payload, and a CRC32 of everything before it. Written
// here rather than imported because `@smithy/eventstream-codec` is not a direct dependency;
// the tests decode it with the real client, which checks both CRCs.

const STRING_HEADER = 7

/** Encodes one event stream message with string headers. */
export function encodeMessage(headers: Record<string, string>, payload: Uint8Array): Uint8Array {
  const headerParts: Buffer[] = []
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8')
    const valueBytes = Buffer.from(value, 'utf8')
    const part = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length)
    let offset = part.writeUInt8(nameBytes.length, 0)
    offset += nameBytes.copy(part, offset)
    offset = part.writeUInt8(STRING_HEADER, offset)
    offset = part.writeUInt16BE(valueBytes.length, offset)
    valueBytes.copy(part, offset)
    headerParts.push(part)
  }
  const headerBytes = Buffer.concat(headerParts)
  const total = 12 + headerBytes.length + payload.length + 4
  const message = Buffer.alloc(total)
  message.writeUInt32BE(total, 0)
  message.writeUInt32BE(headerBytes.length, 4)
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8)
  headerBytes.copy(message, 12)
  Buffer.from(payload).copy(message, 12 + headerBytes.length)
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4)
  return message
}

/** A modeled event of an awsJson event stream: its member name and JSON payload. */
export function jsonEvent(eventType: string, body: unknown): Uint8Array {
  return encodeMessage(
    {':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json'},
    Buffer.from(JSON.stringify(body), 'utf8'),
  )
}

/** A modeled exception sent inside the stream (e.g. SessionTimeoutException). */
export function jsonException(exceptionType: string, message: string): Uint8Array {
  return encodeMessage(
    {':message-type': 'exception', ':exception-type': exceptionType, ':content-type': 'application/json'},
    Buffer.from(JSON.stringify({message}), 'utf8'),
  )
}

/**
 * A push-to-pull queue of chunks for a StreamingResponse body: producers `push`, the HTTP
 * writer iterates; `end` finishes the iteration once the queue drains.
 */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  private readonly chunks: Uint8Array[] = []
  private waiting: (() => void) | undefined
  private ended = false

  push(chunk: Uint8Array): void {
    if (this.ended) return
    this.chunks.push(chunk)
    this.wake()
  }

  /** Chunks queued and not yet written. */
  get size(): number {
    return this.chunks.length
  }

  /** Drops the oldest queued chunk (a slow reader loses old updates, as AWS does). */
  dropOldest(): void {
    this.chunks.shift()
  }

  end(): void {
    this.ended = true
    this.wake()
  }

  private wake(): void {
    const waiting = this.waiting
    this.waiting = undefined
    waiting?.()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const chunk = this.chunks.shift()
      if (chunk) {
        yield chunk
        continue
      }
      if (this.ended) return
      await new Promise<void>((resolve) => (this.waiting = resolve))
    }
  }
}
