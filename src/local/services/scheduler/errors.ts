import {AwsError} from '../../aws-error.js'
import {constraintError} from '../events/validate.js'

/** Scheduler errors carry their text in `Message` (the modeled member) with the status AWS uses. */
export const schedulerError = (code: string, status: number, message: string): AwsError =>
  new AwsError(code, message, status, {Message: message})

export const validation = (message: string): AwsError => schedulerError('ValidationException', 400, message)
export const notFound = (message: string): AwsError => schedulerError('ResourceNotFoundException', 404, message)
export const conflict = (message: string): AwsError => schedulerError('ConflictException', 409, message)

/** Re-raises the shared validators' errors with Scheduler's `Message` member. */
export function withMessage(error: unknown): unknown {
  if (error instanceof AwsError && !('Message' in error.fields)) {
    return new AwsError(error.code, error.message, error.status, {...error.fields, Message: error.message})
  }
  return error
}

export {constraintError}
