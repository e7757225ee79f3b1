import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'

/**
 * Schedules, triggers and workflows make AWS call other services on the project's behalf, so
 * each needs a role to assume: EventBridge Scheduler and EventBridge targets for Batch and Step
 * Functions take a `RoleArn`, and CreateStateMachine requires `roleArn`. Without one here or in
 * `defaults`, plan could not build the resource; validate says so first, at the entry's key.
 */
export function checkRoles(config: BatchConfig): Diagnostic[] {
  const defaults = config.defaults
  const out: Diagnostic[] = []
  const missing = (section: 'schedules' | 'triggers' | 'workflows', key: string, what: string, field: 'scheduleRole' | 'triggerRole' | 'workflowRole'): void => {
    out.push(
      diagnostic('missing-role', [section, key], `${what} "${key}" has no role to assume, and \`defaults.${field}\` is not set.`, {
        expected: `\`role:\` on the entry, or \`defaults.${field}\``,
        hint: `add \`role: arn:aws:iam::<account>:role/<name>\` to it or set \`defaults.${field}\``,
        atKey: true,
      }),
    )
  }
  for (const [key, schedule] of entries(config.schedules)) if (schedule.role === undefined && defaults?.scheduleRole === undefined) missing('schedules', key, 'Schedule', 'scheduleRole')
  for (const [key, trigger] of entries(config.triggers)) if (trigger.role === undefined && defaults?.triggerRole === undefined) missing('triggers', key, 'Trigger', 'triggerRole')
  for (const [key, workflow] of entries(config.workflows)) if (workflow.role === undefined && defaults?.workflowRole === undefined) missing('workflows', key, 'Workflow', 'workflowRole')
  return out
}
