import {pathExists, tryPath} from './json-path.js'
import {StatesError} from './states-error.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
// A comparison whose variable has the wrong type is false (not an error); a Variable that is
// missing is a States.Runtime error, except for IsPresent.

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const isTimestamp = (value: unknown): value is string => typeof value === 'string' && TIMESTAMP.test(value)

function compare(kind: 'String' | 'Numeric' | 'Boolean' | 'Timestamp', op: string, left: unknown, right: unknown): boolean {
  let a: string | number | boolean
  let b: string | number | boolean
  switch (kind) {
    case 'String':
      if (typeof left !== 'string' || typeof right !== 'string') return false
      ;[a, b] = [left, right]
      break
    case 'Numeric':
      if (typeof left !== 'number' || typeof right !== 'number') return false
      ;[a, b] = [left, right]
      break
    case 'Boolean':
      if (typeof left !== 'boolean' || typeof right !== 'boolean') return false
      return op === 'Equals' && left === right
    case 'Timestamp':
      if (!isTimestamp(left) || !isTimestamp(right)) return false
      ;[a, b] = [Date.parse(left), Date.parse(right)]
      break
  }
  switch (op) {
    case 'Equals':
      return a === b
    case 'LessThan':
      return a < b
    case 'GreaterThan':
      return a > b
    case 'LessThanEquals':
      return a <= b
    case 'GreaterThanEquals':
      return a >= b
    default:
      return false
  }
}

/** `StringMatches`: `*` matches any run of characters; `\*` and `\\` escape. */
function matches(value: unknown, pattern: unknown): boolean {
  if (typeof value !== 'string' || typeof pattern !== 'string') return false
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    else if (c === '*') source += '.*'
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 's').test(value)
}

const COMPARISON = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/

/** Evaluates one choice rule (And / Or / Not / a comparison) against the state's effective input. */
export function evaluateRule(rule: Record<string, any>, input: unknown, context: unknown): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r: Record<string, any>) => evaluateRule(r, input, context))
  if (Array.isArray(rule.Or)) return rule.Or.some((r: Record<string, any>) => evaluateRule(r, input, context))
  if (rule.Not) return !evaluateRule(rule.Not, input, context)
  const variable = rule.Variable as string
  if ('IsPresent' in rule) return pathExists(variable, input, context) === rule.IsPresent
  // AWS words this "Invalid path '$.x': The choice state's condition path references an invalid value."
  if (!pathExists(variable, input, context)) {
    throw new StatesError('States.Runtime', `Invalid path '${variable}': The choice state's condition path references an invalid value.`)
  }
  const value = tryPath(variable, input, context)
  for (const [key, operand] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment') continue
    switch (key) {
      case 'IsNull':
        return (value === null) === operand
      case 'IsNumeric':
        return (typeof value === 'number') === operand
      case 'IsString':
        return (typeof value === 'string') === operand
      case 'IsBoolean':
        return (typeof value === 'boolean') === operand
      case 'IsTimestamp':
        return isTimestamp(value) === operand
      case 'StringMatches':
        return matches(value, operand)
    }
    const match = COMPARISON.exec(key)
    if (!match) throw new StatesError('States.Runtime', `Unsupported choice rule operator ${key}`)
    const right = match[3] ? tryPath(operand as string, input, context) : operand
    if (match[3] && !pathExists(operand as string, input, context)) {
      throw new StatesError('States.Runtime', `Invalid path '${String(operand)}': The choice state's condition path references an invalid value.`)
    }
    return compare(match[1] as 'String', match[2]!, value, right)
  }
  throw new StatesError('States.Runtime', `Choice rule has no comparison: ${JSON.stringify(rule)}`)
}
