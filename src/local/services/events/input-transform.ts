import type {InputTransformer} from '@aws-sdk/client-eventbridge'

/**
 * What a rule target receives: the whole event, a constant `Input`, the part selected by
 * `InputPath`, or an `InputTransformer` template filled from `InputPathsMap`.
 */

/**
 * Reads a JSONPath of the forms EventBridge supports (`$`, `$.a.b`, `$.a[0]`, wildcards `.*` and
 * `[*]`, which collect every match into an array).
 */
export function readPath(document: unknown, path: string): unknown {
  if (path === '$') return document
  if (!path.startsWith('$')) return undefined
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+|\*)\]|\['([^']+)'\]/g)]
  let current: unknown[] = [document]
  let wildcard = false
  for (const step of steps) {
    const key = step[1] ?? step[3] ?? step[2]!
    const next: unknown[] = []
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue
      if (key === '*') {
        wildcard = true
        next.push(...Object.values(value))
      } else {
        const child = (value as Record<string, unknown>)[key]
        if (child !== undefined) next.push(child)
      }
    }
    current = next
  }
  return wildcard ? current : current[0]
}

/** Paths EventBridge accepts in InputPath and InputPathsMap values. */
export function isJsonPath(path: string): boolean {
  return /^\$(\.[^.[\]\s]+|\[(\d+|\*)\]|\['[^']+'\])*$/.test(path)
}

/** In a JSON object template a placeholder cannot be an object key. */
export function placeholderAsKey(template: string): boolean {
  return /[{,]\s*"?<[A-Za-z0-9_.-]+>"?\s*:/.test(template)
}

export interface TransformContext {
  ruleName: string
  ruleArn: string
  /** Ingestion time, epoch ms. */
  time: number
}

function placeholderValue(name: string, event: unknown, transformer: InputTransformer, context: TransformContext): unknown {
  const path = transformer.InputPathsMap?.[name]
  if (path !== undefined) return readPath(event, path)
  switch (name) {
    case 'aws.events.rule-name':
      return context.ruleName
    case 'aws.events.rule-arn':
      return context.ruleArn
    case 'aws.events.event.ingestion-time':
      return new Date(context.time).toISOString()
    case 'aws.events.event':
    case 'aws.events.event.json':
      return event
    default:
      return undefined
  }
}

/**
 * Fills an InputTemplate. Inside a JSON string a placeholder becomes the value's text; elsewhere
 * in a JSON template it becomes the value as JSON (strings quoted), as EventBridge does.
 */
export function fillTemplate(event: unknown, transformer: InputTransformer, context: TransformContext): string {
  const template = transformer.InputTemplate ?? ''
  const json = /^\s*[[{"]/.test(template)
  let out = ''
  let inString = false
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!
    if (json && ch === '"' && template[i - 1] !== '\\') inString = !inString
    const match = ch === '<' ? /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(i)) : null
    const name = match?.[1]
    if (match && name && (transformer.InputPathsMap?.[name] !== undefined || name.startsWith('aws.events.'))) {
      const value = placeholderValue(name, event, transformer, context)
      if (json && !inString) out += value === undefined ? 'null' : JSON.stringify(value)
      else if (typeof value === 'string') out += json ? JSON.stringify(value).slice(1, -1) : value
      else out += value === undefined ? '' : JSON.stringify(value)
      i += match[0].length - 1
      continue
    }
    out += ch
  }
  return out
}

/** The text a target is invoked with. */
export function targetInput(
  target: {Input?: string; InputPath?: string; InputTransformer?: InputTransformer},
  event: unknown,
  context: TransformContext,
): string {
  if (target.Input !== undefined) return target.Input
  if (target.InputPath !== undefined) return JSON.stringify(readPath(event, target.InputPath) ?? null)
  if (target.InputTransformer) return fillTemplate(event, target.InputTransformer, context)
  return JSON.stringify(event)
}
