import type {Clock} from '../../../clock.js'
import {setPath} from './json-path.js'
import type {Scope} from './scope.js'
import {errorMatches, StatesError} from './states-error.js'

type Json = any
type StateDef = Record<string, any>

/** Where a state goes next and with what. */
export interface StepResult {
  output: Json
  next?: string
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
// The first retrier whose ErrorEquals matches decides (MaxAttempts default 3, IntervalSeconds 1,
// BackoffRate 2.0, optional MaxDelaySeconds and FULL jitter); once it is exhausted, the first
// matching catcher sends the error output ({Error, Cause} at its ResultPath) to its Next.
export async function withRetryAndCatch(
  state: StateDef,
  raw: Json,
  scope: Scope,
  clock: Clock,
  attempt: (retryCount: number) => Promise<StepResult>,
): Promise<StepResult> {
  const retriers = (state.Retry ?? []) as StateDef[]
  const counts = retriers.map(() => 0)
  let retryCount = 0
  for (;;) {
    try {
      return await attempt(retryCount)
    } catch (error) {
      if (!(error instanceof StatesError)) throw error
      const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, error.error))
      const retrier = retriers[index]
      if (retrier && counts[index]! < (retrier.MaxAttempts ?? 3)) {
        let delay = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** counts[index]!
        if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds)
        if (retrier.JitterStrategy === 'FULL') delay *= Math.random()
        counts[index]!++
        retryCount++
        await scope.sleep(clock, delay * 1000)
        continue
      }
      const catcher = ((state.Catch ?? []) as StateDef[]).find((c) => errorMatches(c.ErrorEquals, error.error))
      if (!catcher) throw error
      // The error output replaces the input by default; ResultPath: null keeps the input unchanged.
      const errorOutput = {Error: error.error, Cause: error.cause}
      const output = catcher.ResultPath === null ? raw : setPath(raw, catcher.ResultPath ?? '$', errorOutput)
      return {output, next: catcher.Next}
    }
  }
}
