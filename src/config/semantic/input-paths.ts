import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {diagnostic, entries} from './context.js'

/** The JSONPath subset EventBridge input transformers and Step Functions paths accept here. */
const PATH = /^\$(\.[A-Za-z0-9_@-]+|\[[0-9]+\]|\['[^']+'\])*$/

/** String values that start with `$` are paths into the event (triggers) or the execution input (steps). */
function pathValues(values: unknown, path: Diagnostic['path']): Array<[string, Diagnostic['path']]> {
  if (typeof values === 'string') return values.startsWith('$') ? [[values, path]] : []
  if (values === null || typeof values !== 'object') return []
  return Object.entries(values).flatMap(([k, v]) => pathValues(v, [...path, Array.isArray(values) ? Number(k) : k]))
}

/**
 * Input mapping: in triggers and workflow steps, values starting with `$` must be JSONPaths such
 * as `$.detail.object.key`; schedules have no event to read, so a `$.` value there is a mistake.
 */
export function checkInputPaths(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  const checkPaths = (values: unknown, path: Diagnostic['path'], from: string): void => {
    for (const [value, at] of pathValues(values, path)) {
      if (PATH.test(value)) continue
      out.push(diagnostic('invalid-input-path', at, `"${value}" is not a JSONPath into the ${from}.`, {expected: 'a path such as "$.detail.object.key" or "$.items[0]"'}))
    }
  }
  for (const [key, trigger] of entries(config.triggers)) {
    checkPaths(trigger.submit?.parameters, ['triggers', key, 'submit', 'parameters'], 'event')
    checkPaths(trigger.start?.input, ['triggers', key, 'start', 'input'], 'event')
  }
  for (const [key, workflow] of entries(config.workflows)) {
    for (const [i, step] of (workflow.steps ?? []).entries()) checkPaths(step.parameters, ['workflows', key, 'steps', i, 'parameters'], 'execution input')
  }
  for (const [key, schedule] of entries(config.schedules)) {
    const found = [...pathValues(schedule.submit?.parameters, ['schedules', key, 'submit', 'parameters']), ...pathValues(schedule.start?.input, ['schedules', key, 'start', 'input'])]
    for (const [value, at] of found.filter(([value]) => value.startsWith('$.'))) {
      out.push(
        diagnostic('input-path-in-schedule', at, `Schedule "${key}" has no event to read "${value}" from.`, {
          expected: 'a literal value',
          hint: 'JSONPaths work in triggers (the event) and workflow steps (the execution input)',
        }),
      )
    }
  }
  return out
}
