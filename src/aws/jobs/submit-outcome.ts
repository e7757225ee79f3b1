import type {SubmitJobCommand} from '@aws-sdk/client-batch'

import {SubmitOutcomeUnknown} from '../../jobs/jobs-api.js'

/** Connection failures that happen before a request is written: the request never reached AWS. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/**
 * Whether a failed call may still have been carried out by AWS: no HTTP answer at all (reset,
 * timeout, abort) or a 5xx. A 4xx (validation, throttling) means AWS refused it.
 */
export function outcomeUnknown(error: unknown): boolean {
  const e = error as {$metadata?: {httpStatusCode?: number}; code?: string; name?: string}
  const status = e?.$metadata?.httpStatusCode
  if (status !== undefined && status >= 400 && status < 500) return false
  if (status !== undefined && status >= 500) return true
  return !NOT_SENT_CODES.has(e?.code ?? '')
}

/**
 * Sits inside the SDK's retry middleware (finalizeRequest, normal priority; retry is high) and
 * turns an unknown outcome into SubmitOutcomeUnknown, which the retry classifier does not
 * retry: a blind retry of SubmitJob could start the job twice. Throttling still retries.
 */
export function addSubmitOutcomeGuard(stack: SubmitJobCommand['middlewareStack']): void {
  stack.add(
    (next) => async (args) => {
      try {
        return await next(args)
      } catch (error) {
        if (outcomeUnknown(error)) {
          throw new SubmitOutcomeUnknown(`SubmitJob may have reached AWS: ${(error as Error)?.message ?? String(error)}`, error)
        }
        throw error
      }
    },
    {step: 'finalizeRequest', priority: 'normal', name: 'batchctlSubmitOutcomeGuard'},
  )
}
