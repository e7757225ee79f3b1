import type {Diagnostic} from '../diagnostic.js'
import {physicalName} from '../physical-name.js'
import type {BatchConfig} from '../types.generated.js'
import type {SemanticContext} from './context.js'
import {diagnostic, entries} from './context.js'

/** A trigger's bus is the default bus when unset, named `default`, or an ARN of the default bus. */
function onDefaultBus(bus: string | undefined): boolean {
  return bus === undefined || bus === 'default' || /:event-bus\/default$/.test(bus)
}

/**
 * A trigger and a `mode: rule` schedule with the same key become one EventBridge rule name
 * (`<project>[-<env>]-<key>`); on the same bus (classic schedule rules live on the default bus)
 * the second would overwrite the first. `plan` refuses it as `duplicate-name`; validate says so
 * first, at the trigger's key.
 */
export function checkRuleNames(config: BatchConfig, context: SemanticContext): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [key, trigger] of entries(config.triggers)) {
    if (config.schedules?.[key]?.mode !== 'rule' || !onDefaultBus(trigger.bus)) continue
    const name = physicalName(config.project, context.env, key)
    out.push(
      diagnostic('duplicate-name', ['triggers', key], `Trigger "${key}" and schedule "${key}" (mode: rule) both become EventBridge rule "${name}" on the default event bus.`, {
        expected: 'a key used by only one of `triggers` and rule-mode `schedules`',
        hint: `rename one of them, or drop \`mode: rule\` from schedule "${key}" (EventBridge Scheduler schedules have their own names)`,
        atKey: true,
      }),
    )
  }
  return out
}
