import {AwsError} from '../../../aws-error.js'

/**
 * A request AWS Batch refuses as malformed. AWS words these
 * "Error executing request, Exception : <detail>, RequestId: <id>" (ClientException, 400);
 * `withValidationWording` in index.ts adds that frame with the request's id.
 */
export class ValidationFailure extends AwsError {
  constructor(readonly detail: string) {
    super('ClientException', detail, 400)
  }
}

export const invalid = (detail: string): ValidationFailure => new ValidationFailure(detail)

/**
 * Input checks shared by the control-plane operations. Batch answers every malformed request
 * with `ClientException` (HTTP 400) and a message naming the field, so these all throw that.
 */

/** Names of compute environments, queues, job definitions and policies: up to 128 letters, digits, `-`, `_`. */
const NAME = /^[A-Za-z0-9_-]{1,128}$/

export function checkName(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${field} is required`)
  if (!NAME.test(value)) {
    throw invalid(
      `${field} must be up to 128 characters long and contain only uppercase and lowercase letters, numbers, hyphens (-), and underscores (_)`,
    )
  }
  return value
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`${field} is required`)
  return value
}

export function checkInt(value: unknown, field: string, min: number, max: number): number {
  if (value === undefined || value === null) throw invalid(`${field} is required`)
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`${field} must be an integer`)
  if (value < min || value > max) throw invalid(`${field} must be between ${min} and ${max}`)
  return value
}

export function checkEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalid(`${field} must be one of: ${allowed.join(', ')}`)
  }
  return value as T
}

export function optionalEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  return value === undefined || value === null ? undefined : checkEnum(value, field, allowed)
}

export function checkStringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalid(`${field} must be a list of strings`)
  }
  return value as string[]
}

/** A stored record leaves the emulator as a copy, so callers never alias state. */
export const copy = <T>(value: T): T => structuredClone(value)
