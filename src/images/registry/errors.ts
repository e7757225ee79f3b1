import {UserError} from '../../errors.js'

/** A registry answered with an error, or could not be reached; the message says which and where. */
export class RegistryError extends UserError {
  constructor(
    message: string,
    readonly status?: number,
    hints: string[] = [],
  ) {
    super(message, {code: status === 401 || status === 403 ? 'registry-auth' : 'registry', hints})
  }
}

/** Worth another try: throttling, server errors, dropped connections. */
export function isTransient(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500
}
