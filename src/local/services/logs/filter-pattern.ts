import {compileJson} from './filter-pattern-json.js'
import {compileSpaceDelimited} from './filter-pattern-delimited.js'
import {invalid, regexTerm} from './filter-pattern-shared.js'

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

// Unstructured terms.

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
