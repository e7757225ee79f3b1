import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {jobUses} from './platform.js'
import {isRuleSubmissionPath} from './rule-targets.js'

/**
 * Fair share, as SubmitJob and CreateSchedulingPolicy enforce it: a submission to a queue with a
 * scheduling policy names a share identifier, one to a FIFO queue names none; the identifiers
 * of one policy neither repeat nor overlap (`team*` covers `team1`). Submissions by EventBridge
 * rules (triggers, `mode: rule` schedules) are left to `checkRuleTargets`: they cannot carry a
 * share identifier at all, so asking for one here would give the wrong advice.
 */
export function checkFairShare(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const use of jobUses(config)) {
    if (use.queue === undefined || isRuleSubmissionPath(config, use.path)) continue
    const queue = config.jobQueues?.[use.queue]
    if (queue === undefined) continue
    if (queue.schedulingPolicy !== undefined && use.shareIdentifier === undefined) {
      out.push(
        diagnostic('missing-share-identifier', use.path, `Queue "${use.queue}" uses fair-share policy "${queue.schedulingPolicy}", so submitting "${use.job}" needs a \`shareIdentifier\`.`, {
          expected: '`shareIdentifier` here or `defaults.shareIdentifier`',
          hint: shareHint(config, queue.schedulingPolicy),
          atKey: true,
        }),
      )
    } else if (queue.schedulingPolicy === undefined && use.shareIdentifier !== undefined) {
      out.push(
        diagnostic('unexpected-share-identifier', [...use.path, 'shareIdentifier'], `Queue "${use.queue}" has no scheduling policy, and AWS Batch refuses share identifier "${use.shareIdentifier}" there.`, {
          expected: 'no `shareIdentifier` for FIFO queues',
          hint: 'add a `schedulingPolicy` to the queue, or remove the share identifier',
        }),
      )
    }
  }
  for (const [key, policy] of entries(config.schedulingPolicies)) {
    const ids = (policy.shareDistribution ?? []).map((share) => share.shareIdentifier)
    for (const [i, id] of ids.entries()) {
      for (let j = 0; j < i; j++) {
        const other = ids[j]!
        if (!overlaps(id, other)) continue
        out.push(
          diagnostic('overlapping-share-identifiers', ['schedulingPolicies', key, 'shareDistribution', i, 'shareIdentifier'], `Share identifier "${id}" overlaps "${other}" in scheduling policy "${key}".`, {
            expected: 'share identifiers that no other entry (or `prefix*`) also matches',
          }),
        )
        break
      }
    }
  }
  return out
}

function shareHint(config: BatchConfig, policyKey: string): string | undefined {
  const ids = (config.schedulingPolicies?.[policyKey]?.shareDistribution ?? []).map((s) => s.shareIdentifier.replace(/\*$/, ''))
  return ids.length > 0 ? `identifiers weighted by "${policyKey}": ${ids.join(', ')}` : undefined
}

/** Whether two identifiers (each maybe a `prefix*`) can match the same job. */
function overlaps(a: string, b: string): boolean {
  const [pa, wa] = a.endsWith('*') ? [a.slice(0, -1), true] : [a, false]
  const [pb, wb] = b.endsWith('*') ? [b.slice(0, -1), true] : [b, false]
  if (!wa && !wb) return pa === pb
  if (wa && wb) return pa.startsWith(pb) || pb.startsWith(pa)
  return wa ? pb.startsWith(pa) : pa.startsWith(pb)
}
