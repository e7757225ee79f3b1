import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic} from './context.js'
import {jobUses} from './platform.js'

/** AWS Batch array jobs have 2 to 10,000 children (SubmitJob arrayProperties.size). */
export const ARRAY_SIZE_MIN = 2
export const ARRAY_SIZE_MAX = 10_000

/** Every `arraySize` in schedules, triggers and workflow steps is within AWS Batch's limits. */
export function checkArraySizes(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const use of jobUses(config)) {
    const size = use.arraySize
    if (size === undefined || (size >= ARRAY_SIZE_MIN && size <= ARRAY_SIZE_MAX)) continue
    out.push(
      diagnostic('array-size', [...use.path, 'arraySize'], `Array size ${size} for job "${use.job}" is outside AWS Batch's 2 to 10,000.`, {
        expected: `an integer from ${ARRAY_SIZE_MIN} to ${ARRAY_SIZE_MAX}`,
        hint: size < ARRAY_SIZE_MIN ? 'for a single job, remove `arraySize`' : 'split the work over several array jobs',
      }),
    )
  }
  return out
}
