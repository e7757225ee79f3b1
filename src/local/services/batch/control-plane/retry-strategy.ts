import type {RetryStrategy} from '@aws-sdk/client-batch'

import {checkEnum, checkInt, invalid} from './validate.js'

/**
 * `retryStrategy` of RegisterJobDefinition and SubmitJob (the same RetryStrategy type):
 * 1–10 attempts, up to 5 `evaluateOnExit` conditions, each with a RETRY / EXIT action (any case)
 * and patterns of up to 512 characters; `onExitCode` "can contain only numbers, and can end
 * with an asterisk (*)". Returned with `evaluateOnExit` defaulted to [] as Describe shows it.
 * AWS: RetryStrategy — https://docs.aws.amazon.com/batch/latest/APIReference/API_RetryStrategy.html
 * AWS: EvaluateOnExit — https://docs.aws.amazon.com/batch/latest/APIReference/API_EvaluateOnExit.html
 */
export function checkRetryStrategy(value: unknown): RetryStrategy | undefined {
  if (value === undefined || value === null) return undefined
  const retry = value as Record<string, any>
  if (retry.attempts === undefined || retry.attempts === null) throw invalid('RetryAttempts must be provided with retry strategy')
  if (retry.evaluateOnExit !== undefined && retry.evaluateOnExit !== null) {
    if (!Array.isArray(retry.evaluateOnExit) || retry.evaluateOnExit.length > 5) {
      throw invalid('retryStrategy.evaluateOnExit can contain at most 5 conditions')
    }
    retry.evaluateOnExit.forEach((rule: Record<string, unknown>, i: number) => {
      // The action is case-insensitive in AWS.
      checkEnum(String(rule?.action ?? '').toUpperCase(), `retryStrategy.evaluateOnExit[${i}].action`, ['RETRY', 'EXIT'] as const)
      for (const key of ['onStatusReason', 'onReason', 'onExitCode'] as const) {
        if (typeof rule[key] === 'string' && (rule[key] as string).length > 512) {
          throw invalid(`retryStrategy.evaluateOnExit[${i}].${key} can be at most 512 characters`)
        }
      }
      // onReason / onStatusReason are documented as letters, digits, '.', ':' and white space,
      // but AWS's own reasons carry other characters; only the unambiguous exit-code rule is enforced.
      if (typeof rule.onExitCode === 'string' && !/^\d*\*?$/.test(rule.onExitCode)) {
        throw invalid(`retryStrategy.evaluateOnExit[${i}].onExitCode '${rule.onExitCode}' can contain only numbers, optionally ending with an asterisk (*)`)
      }
    })
  }
  checkInt(retry.attempts, 'retryStrategy.attempts', 1, 10)
  return {...structuredClone(retry), evaluateOnExit: retry.evaluateOnExit ?? []} as RetryStrategy
}
