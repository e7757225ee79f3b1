import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, SubmitTarget} from '../types.generated.js'
import {diagnostic, entries} from './context.js'

/** What every rule-target diagnostic suggests instead. */
export const RULE_SHARE_HINT =
  'EventBridge rules cannot pass a share identifier to Batch; use a schedule in the default (Scheduler) mode, or start a workflow whose step submits the job'

/** One `submit:` block that an EventBridge rule carries out: a trigger's, or a `mode: rule` schedule's. */
export interface RuleSubmission {
  section: 'schedules' | 'triggers'
  key: string
  submit: SubmitTarget
}

/** The submissions made by EventBridge rules (triggers and `mode: rule` schedules). */
export function ruleSubmissions(config: BatchConfig): RuleSubmission[] {
  const out: RuleSubmission[] = []
  for (const [key, trigger] of entries(config.triggers)) {
    if (trigger.submit !== undefined) out.push({section: 'triggers', key, submit: trigger.submit})
  }
  for (const [key, schedule] of entries(config.schedules)) {
    if (schedule.mode === 'rule' && schedule.submit !== undefined) out.push({section: 'schedules', key, submit: schedule.submit})
  }
  return out
}

/** Whether a JSON path lies inside a submission an EventBridge rule makes. */
export function isRuleSubmissionPath(config: BatchConfig, path: Diagnostic['path']): boolean {
  const [section, key] = path
  if (typeof key !== 'string') return false
  if (section === 'triggers') return config.triggers?.[key]?.submit !== undefined
  if (section === 'schedules') return config.schedules?.[key]?.mode === 'rule' && config.schedules[key].submit !== undefined
  return false
}

/**
 * A rule's Batch target cannot carry a share identifier or a scheduling priority: BatchParameters
 * has only JobDefinition, JobName, ArrayProperties and RetryStrategy
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_BatchParameters.html), and the
 * target reads only `Parameters` and `ContainerOverrides` from its input
 * (https://docs.aws.amazon.com/batch/latest/userguide/batch-cwe-target.html). SubmitJob needs a
 * share identifier on a queue with a scheduling policy
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html), so a rule cannot
 * submit there at all. Reported at the key that asks for it: `shareIdentifier`,
 * `schedulingPriority`, else `queue` (or the `submit` key when the queue comes from
 * `defaults.queue`). `defaults.shareIdentifier` alone is no error on a FIFO queue: it is meant for
 * other submissions, and the rule simply does not send it.
 */
export function checkRuleTargets(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const {section, key, submit} of ruleSubmissions(config)) {
    const base = [section, key, 'submit']
    const what = section === 'triggers' ? `Trigger "${key}"` : `Schedule "${key}" (mode: rule)`
    const queueKey = submit.queue ?? config.defaults?.queue
    const policy = queueKey === undefined ? undefined : config.jobQueues?.[queueKey]?.schedulingPolicy
    if (submit.shareIdentifier !== undefined) {
      out.push(
        diagnostic('rule-share-identifier', [...base, 'shareIdentifier'], `${what} sets share identifier "${submit.shareIdentifier}", which an EventBridge rule cannot pass to Batch.`, {
          expected: 'no `shareIdentifier` on a rule target',
          hint: RULE_SHARE_HINT,
          atKey: true,
        }),
      )
    }
    if (submit.schedulingPriority !== undefined) {
      out.push(
        diagnostic('rule-scheduling-priority', [...base, 'schedulingPriority'], `${what} sets a scheduling priority, which an EventBridge rule cannot pass to Batch.`, {
          expected: 'no `schedulingPriority` on a rule target',
          hint: RULE_SHARE_HINT,
          atKey: true,
        }),
      )
    }
    if (policy !== undefined && submit.shareIdentifier === undefined) {
      const via = submit.queue === undefined ? ' (`defaults.queue`)' : ''
      const share = config.defaults?.shareIdentifier === undefined ? '' : ' (`defaults.shareIdentifier` does not reach it)'
      out.push(
        diagnostic(
          'rule-fair-share-queue',
          submit.queue === undefined ? base : [...base, 'queue'],
          `${what} submits "${submit.job}" to queue "${queueKey}"${via}, which uses fair-share policy "${policy}": Batch needs a share identifier there, and an EventBridge rule cannot pass one${share}.`,
          {expected: 'a queue without `schedulingPolicy`', hint: RULE_SHARE_HINT, atKey: true},
        ),
      )
    }
  }
  return out
}
