import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'

/**
 * `submit.overrides` of a schedule or trigger become SubmitJob `containerOverrides` (or a rule
 * input's ContainerOverrides), which AWS Batch refuses for a multi-node parallel job: those take
 * `nodeOverrides` (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html,
 * containerOverrides and nodeOverrides). batchctl does not build node overrides for targets, so
 * the combination would only fail when the schedule fires; validate refuses it up front.
 */
export function checkTargetOverrides(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const section of ['schedules', 'triggers'] as const) {
    for (const [key, entry] of entries<{submit?: {job: string; overrides?: unknown}}>(config[section])) {
      const submit = entry.submit
      if (submit?.overrides === undefined || config.jobDefinitions?.[submit.job]?.nodes === undefined) continue
      out.push(
        diagnostic('multi-node-overrides', [section, key, 'submit', 'overrides'], `Job "${submit.job}" is a multi-node job; AWS Batch refuses container overrides for it, so this submission would fail.`, {
          expected: 'no `overrides` when submitting a multi-node job from a schedule or trigger',
          hint: 'set the values in the job definition (or its `nodes.ranges`) instead',
          atKey: true,
        }),
      )
    }
  }
  return out
}
