/** Wording shared by the schema error translations. */

const typeNames: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
}

/** "a mapping", "an integer", ... for a JSON Schema type name (or a list of them). */
export function typeName(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : [String(type)]
  return types.map((t) => typeNames[t] ?? t).join(' or ')
}

/** What a value is, for "got ..." in messages: `the string "abc"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)'
  if (typeof value === 'string') return `the string ${JSON.stringify(shorten(value))}`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `the boolean ${value}`
  if (Array.isArray(value)) return 'a list'
  return 'a mapping'
}

/** A value quoted for a message, kept short. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(shorten(value))
  const json = JSON.stringify(value)
  return json === undefined ? String(value) : shorten(json)
}

function shorten(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text
}

/** Dotted name of a path for messages: `jobQueues.default.computeEnvironments[0]`. */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out === '' ? 'the top level' : out
}

/** "a, b, c" with at most `max` entries. */
export function listOf(values: readonly unknown[], max = 20): string {
  const shown = values.slice(0, max).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))
  return values.length > max ? `${shown.join(', ')}, ... (${values.length - max} more)` : shown.join(', ')
}
