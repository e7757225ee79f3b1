/**
 * An error as AWS returns it: a code the SDK maps to a typed exception (`__type` in JSON
 * protocols, `x-amzn-ErrorType` in restJson1, `<Code>` in query), an HTTP status and a message.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError'

  constructor(
    /** The modeled exception name, e.g. `ClientException`, `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    /** HTTP status; AWS uses 400 for client errors, 500 for server errors, 429/400 for throttling. */
    readonly status = 400,
    /** Extra members of the error shape (e.g. `resourceName`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** Batch reports every client-side problem as `ClientException` (400), with a message saying which. */
export const clientException = (message: string): AwsError => new AwsError('ClientException', message, 400)

/** JSON services' validation error: `ValidationException` (400). */
export const validationException = (message: string): AwsError => new AwsError('ValidationException', message, 400)

export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message, 404)
