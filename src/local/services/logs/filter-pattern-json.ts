import type {EventMatcher} from './filter-pattern.js'
import {invalid, regexTerm, wildcardRegex} from './filter-pattern-shared.js'

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

/** Compiles a `{ ... }` pattern; a message that is not a JSON object never matches. */
export function compileJson(text: string): EventMatcher {
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
