import type {InputTransformer} from '@aws-sdk/client-eventbridge'

/**
 * What a rule target receives: the whole event, a constant `Input`, the part selected by
 * `InputPath`, or an `InputTransformer` template filled from `InputPathsMap`.
 */

/** Reads a JSONPath of the simple form EventBridge documents (`$`, `$.a.b`, `$.a[0]`). */
export function readPath(document: unknown, path: string): unknown {
  if (path === '$') return document
  if (!path.startsWith('$')) return undefined
  const steps = [...path.slice(1).matchAll(/\.([^.[\]]+)|\[(\d+)\]|\['([^']+)'\]/g)]
  let current: unknown = document
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined
    const key = step[1] ?? step[3] ?? Number(step[2])
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** Paths EventBridge accepts in InputPath and InputPathsMap values. */
export function isJsonPath(path: string): boolean {
  return /^\$(\.[^.[\]\s]+|\[\d+\]|\['[^']+'\])*$/.test(path)
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
