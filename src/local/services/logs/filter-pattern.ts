import {invalidParameter} from './constraints.js'

// AWS: "Filter pattern syntax for metric filters, subscription filters, filter log events, and
// Live Tail" and "Using filter patterns to match terms in JSON log events" — Amazon
// CloudWatch Logs User Guide (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
// Supported: terms (all must appear, case-sensitive), "quoted phrases", `?a ?b` (any), `-term`
// (must not appear), %regex%, JSON patterns `{ $.a.b[0] = "x*" && ($.n > 1 || $.f IS TRUE) }`
// and space-delimited patterns `[ip, user, ..., status = 4*, bytes > 100]`.

/** A compiled filter pattern: does a log message match? */
export type EventMatcher = (message: string) => boolean

/** Compiles a filter pattern, answering InvalidParameterException for one AWS would not accept. */
export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim()
  if (text === '') return () => true
  if (text.startsWith('{')) return compileJson(text)
  if (text.startsWith('[')) return compileSpaceDelimited(text)
  return compileTerms(text)
}

const invalid = (pattern: string) => invalidParameter(`Invalid filter pattern: ${pattern}`)

function wildcardRegex(value: string): RegExp {
  const source = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${source}$`, 's')
}

function regexTerm(source: string, pattern: string): RegExp {
  try {
    return new RegExp(source)
  } catch {
    throw invalid(pattern)
  }
}

// ---- Unstructured terms ---------------------------------------------------------------------

function compileTerms(text: string): EventMatcher {
  const required: Array<(m: string) => boolean> = []
  const optional: Array<(m: string) => boolean> = []
  const excluded: Array<(m: string) => boolean> = []
  const tokenRe = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|%([^%]*)%|([^\s"]+))/gy
  let index = 0
  while (index < text.length) {
    if (/\s/.test(text[index]!)) {
      index++
      continue
    }
    tokenRe.lastIndex = index
    const match = tokenRe.exec(text)
    if (!match) throw invalid(text)
    index = tokenRe.lastIndex
    const [, prefix, quoted, regex, bare] = match
    let test: (m: string) => boolean
    if (regex !== undefined) {
      const re = regexTerm(regex, text)
      test = (m) => re.test(m)
    } else {
      const term = quoted === undefined ? bare! : quoted.replace(/\\(.)/g, '$1')
      test = (m) => m.includes(term)
    }
    ;(prefix === '?' ? optional : prefix === '-' ? excluded : required).push(test)
  }
  return (message) =>
    required.every((test) => test(message)) &&
    (optional.length === 0 || optional.some((test) => test(message))) &&
    !excluded.some((test) => test(message))
}

// ---- JSON patterns --------------------------------------------------------------------------

type Token = {kind: 'punct' | 'op' | 'selector' | 'string' | 'regex' | 'word'; text: string}

function tokenizeJson(body: string, pattern: string): Token[] {
  const tokens: Token[] = []
  const re = /\s*(?:(&&|\|\||\(|\))|(!=|>=|<=|=|>|<)|(\$[^\s=!<>()&|]*)|"((?:[^"\\]|\\.)*)"|%([^%]*)%|([^\s=!<>()&|"]+))/y
  let index = 0
  while (index < body.length) {
    if (/^\s*$/.test(body.slice(index))) break
    re.lastIndex = index
    const match = re.exec(body)
    if (!match) throw invalid(pattern)
    index = re.lastIndex
    const [, punct, op, selector, quoted, regex, word] = match
    if (punct) tokens.push({kind: 'punct', text: punct})
    else if (op) tokens.push({kind: 'op', text: op})
    else if (selector) tokens.push({kind: 'selector', text: selector})
    else if (quoted !== undefined) tokens.push({kind: 'string', text: quoted.replace(/\\(.)/g, '$1')})
    else if (regex !== undefined) tokens.push({kind: 'regex', text: regex})
    else tokens.push({kind: 'word', text: word!})
  }
  return tokens
}

type JsonTest = (doc: unknown) => boolean

function compileJson(text: string): EventMatcher {
  if (!text.endsWith('}')) throw invalid(text)
  const tokens = tokenizeJson(text.slice(1, -1), text)
  let pos = 0
  const peek = () => tokens[pos]
  const next = () => {
    const token = tokens[pos++]
    if (!token) throw invalid(text)
    return token
  }
  const parseOr = (): JsonTest => {
    const parts = [parseAnd()]
    while (peek()?.text === '||') {
      pos++
      parts.push(parseAnd())
    }
    return parts.length === 1 ? parts[0]! : (doc) => parts.some((part) => part(doc))
  }
  const parseAnd = (): JsonTest => {
    const parts = [parseUnary()]
    while (peek()?.text === '&&') {
      pos++
      parts.push(parseUnary())
    }
    return parts.length === 1 ? parts[0]! : (doc) => parts.every((part) => part(doc))
  }
  const parseUnary = (): JsonTest => {
    if (peek()?.text === '(') {
      pos++
      const inner = parseOr()
      if (next().text !== ')') throw invalid(text)
      return inner
    }
    return parseComparison()
  }
  const parseComparison = (): JsonTest => {
    const selector = next()
    if (selector.kind !== 'selector') throw invalid(text)
    const path = parseSelector(selector.text, text)
    const operator = next()
    if (operator.kind === 'word' && operator.text.toUpperCase() === 'IS') {
      const what = next().text.toUpperCase()
      if (what === 'TRUE' || what === 'FALSE') return (doc) => resolve(doc, path).value === (what === 'TRUE')
      if (what === 'NULL') return (doc) => resolve(doc, path).found && resolve(doc, path).value === null
      throw invalid(text)
    }
    if (operator.kind === 'word' && operator.text.toUpperCase() === 'NOT') {
      if (next().text.toUpperCase() !== 'EXISTS') throw invalid(text)
      return (doc) => !resolve(doc, path).found
    }
    if (operator.kind !== 'op') throw invalid(text)
    const value = next()
    return comparison(path, operator.text, value, text)
  }
  const test = parseOr()
  if (pos !== tokens.length) throw invalid(text)
  return (message) => {
    let doc: unknown
    try {
      doc = JSON.parse(message)
    } catch {
      return false
    }
    return typeof doc === 'object' && doc !== null && test(doc)
  }
}

function parseSelector(selector: string, pattern: string): Array<string | number> {
  if (!selector.startsWith('$')) throw invalid(pattern)
  const path: Array<string | number> = []
  const re = /\.([^.[\]]+)|\[(\d+)\]/y
  let index = 1
  while (index < selector.length) {
    re.lastIndex = index
    const match = re.exec(selector)
    if (!match) throw invalid(pattern)
    path.push(match[1] ?? Number(match[2]))
    index = re.lastIndex
  }
  return path
}

function resolve(doc: unknown, path: Array<string | number>): {found: boolean; value?: unknown} {
  let current: unknown = doc
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !(key in (current as object))) return {found: false}
    current = (current as Record<string | number, unknown>)[key]
  }
  return {found: true, value: current}
}

function comparison(path: Array<string | number>, op: string, value: Token, pattern: string): JsonTest {
  const numeric = value.kind === 'word' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.text)
  if (['>', '<', '>=', '<='].includes(op)) {
    if (!numeric) throw invalid(pattern)
    const bound = Number(value.text)
    return (doc) => {
      const {value: field} = resolve(doc, path)
      if (typeof field !== 'number') return false
      return op === '>' ? field > bound : op === '<' ? field < bound : op === '>=' ? field >= bound : field <= bound
    }
  }
  let equal: (field: unknown) => boolean
  if (numeric) {
    const expected = Number(value.text)
    equal = (field) => typeof field === 'number' && field === expected
  } else if (value.kind === 'regex') {
    const re = regexTerm(value.text, pattern)
    equal = (field) => typeof field === 'string' && re.test(field)
  } else if (value.kind === 'string' || value.kind === 'word') {
    const re = wildcardRegex(value.text)
    equal = (field) => (typeof field === 'string' || typeof field === 'number' || typeof field === 'boolean') && re.test(String(field))
  } else throw invalid(pattern)
  return (doc) => {
    const resolved = resolve(doc, path)
    if (!resolved.found) return false
    return op === '=' ? equal(resolved.value) : !equal(resolved.value)
  }
}

// ---- Space-delimited patterns ---------------------------------------------------------------

type FieldTest = {ellipsis: true} | {ellipsis: false; test: (field: string) => boolean}

function compileSpaceDelimited(text: string): EventMatcher {
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
