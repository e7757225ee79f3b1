import {callIntrinsic, isIntrinsic} from './intrinsics.js'
import {readPath} from './json-path.js'

/**
 * Evaluates a payload template (Parameters, ItemSelector, ResultSelector): a key ending in `.$`
 * takes the value of a path or an intrinsic call and loses the suffix; everything else is copied.
 */
export function applyTemplate(template: unknown, input: unknown, context: unknown, field: string): unknown {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, input, context, field))
  if (!template || typeof template !== 'object') return template
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = isIntrinsic(value) ? callIntrinsic(value, input, context, field) : readPath(value, input, context, field)
    } else {
      out[key] = applyTemplate(value, input, context, field)
    }
  }
  return out
}
