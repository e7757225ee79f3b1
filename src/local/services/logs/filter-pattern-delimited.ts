import type {EventMatcher} from './filter-pattern.js'
import {invalid, wildcardRegex} from './filter-pattern-shared.js'

// Space-delimited filter patterns: `[ip, user, ..., status = 4*, bytes > 100]`.

type FieldTest = {ellipsis: true} | {ellipsis: false; test: (field: string) => boolean}

/** Compiles a `[ ... ]` pattern over the message's space-separated fields. */
export function compileSpaceDelimited(text: string): EventMatcher {
  if (!text.endsWith(']')) throw invalid(text)
  const fields = text
    .slice(1, -1)
    .split(',')
    .map((part) => part.trim())
  if (fields.some((field) => field === '')) throw invalid(text)
  const tests = fields.map((field): FieldTest => {
    if (field === '...') return {ellipsis: true}
    const alternatives = field.split('||').map((alt) => alt.split('&&').map((cond) => fieldCondition(cond.trim(), text)))
    return {ellipsis: false, test: (value) => alternatives.some((all) => all.every((cond) => cond(value)))}
  })
  return (message) => matchFields(tests, splitFields(message), 0, 0)
}

function fieldCondition(condition: string, pattern: string): (field: string) => boolean {
  const match = /^([\w-]*)\s*(?:(!=|>=|<=|=|>|<)\s*(.+))?$/.exec(condition)
  if (!match) throw invalid(pattern)
  const [, , op, rawValue] = match
  if (!op) return () => true
  const value = rawValue!.replace(/^"(.*)"$/, '$1')
  if (['>', '<', '>=', '<='].includes(op)) {
    const bound = Number(value)
    if (Number.isNaN(bound)) throw invalid(pattern)
    return (field) => {
      const n = Number(field)
      if (field === '' || Number.isNaN(n)) return false
      return op === '>' ? n > bound : op === '<' ? n < bound : op === '>=' ? n >= bound : n <= bound
    }
  }
  const re = wildcardRegex(value)
  return op === '=' ? (field) => re.test(field) : (field) => !re.test(field)
}

/** Splits a message on spaces; `"..."` and `[...]` each make one field, without the brackets. */
function splitFields(message: string): string[] {
  const fields: string[] = []
  const re = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g
  for (const match of message.matchAll(re)) fields.push(match[1] ?? match[2] ?? match[3]!)
  return fields
}

function matchFields(tests: FieldTest[], fields: string[], t: number, f: number): boolean {
  if (t === tests.length) return f === fields.length
  const test = tests[t]!
  if (test.ellipsis) {
    for (let skip = f; skip <= fields.length; skip++) if (matchFields(tests, fields, t + 1, skip)) return true
    return false
  }
  return f < fields.length && test.test(fields[f]!) && matchFields(tests, fields, t + 1, f + 1)
}
