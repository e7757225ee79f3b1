import {AwsError} from '../../aws-error.js'

// Step Functions API errors (awsJson1_0, all HTTP 400). Messages follow the API's wording.
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
export const invalidArn = (arn: string, why?: string): AwsError =>
  new AwsError('InvalidArn', why ? `Invalid Arn: '${why}'` : `Invalid arn: '${arn}'`)
export const invalidName = (name: string): AwsError => new AwsError('InvalidName', `Invalid Name: '${name}'`)
export const invalidDefinition = (detail: string): AwsError =>
  new AwsError('InvalidDefinition', `Invalid State Machine Definition: '${detail}'`)
export const stateMachineDoesNotExist = (arn: string): AwsError =>
  new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`)
export const executionDoesNotExist = (arn: string): AwsError =>
  new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`)
export const validation = (message: string, reason?: string): AwsError =>
  new AwsError('ValidationException', message, 400, reason ? {reason} : {})
export const missingParameter = (message: string): AwsError => new AwsError('MissingRequiredParameter', message)

/** The SDK's own validation wording: `1 validation error detected: Value ... at 'x' failed to satisfy constraint: ...`. */
export function constraint(value: unknown, member: string, rule: string): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value)
  return validation(`1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${rule}`)
}
