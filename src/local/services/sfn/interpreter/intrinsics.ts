import {createHash, randomUUID} from 'node:crypto'

import {readPath} from './json-path.js'
import {StatesError} from './states-error.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
// Arguments are string literals in single quotes (\' \{ \} \\ escapes), numbers, true/false/null,
// paths ($.x, $$.x) and nested calls. A bad call fails with States.IntrinsicFailure.

/** A string literal keeps its raw text: States.Format tells `\{` (a brace) from `{}` (a placeholder). */
type Arg = {literal: unknown; raw?: string} | {path: string} | {call: string; args: Arg[]}

const failure = (cause: string): StatesError => new StatesError('States.IntrinsicFailure', cause)

/** Whether a `.$` value is an intrinsic call rather than a path. */
export const isIntrinsic = (text: string): boolean => /^States\.[A-Za-z0-9]+\(/.test(text.trim())

class Parser {
  private i = 0
  constructor(private readonly text: string) {}

  parse(): Arg {
    const arg = this.arg()
    this.space()
    if (this.i !== this.text.length) throw failure(`Unexpected '${this.text.slice(this.i)}' in ${this.text}`)
    return arg
  }

  private space(): void {
    while (this.text[this.i] === ' ') this.i++
  }

  private arg(): Arg {
    this.space()
    const rest = this.text.slice(this.i)
    if (rest.startsWith("'")) {
      const start = this.i + 1
      const literal = this.string()
      return {literal, raw: this.text.slice(start, this.i - 1)}
    }
    const call = /^(States\.[A-Za-z0-9]+)\(/.exec(rest)
    if (call) {
      this.i += call[0].length
      const args: Arg[] = []
      this.space()
      if (this.text[this.i] === ')') {
        this.i++
        return {call: call[1]!, args}
      }
      for (;;) {
        args.push(this.arg())
        this.space()
        const c = this.text[this.i++]
        if (c === ')') return {call: call[1]!, args}
        if (c !== ',') throw failure(`Expected ',' or ')' in ${this.text}`)
      }
    }
    if (rest.startsWith('$')) {
      const match = /^\$\$?(?:\.[^,)\s[]+|\[[^\]]*\])*/.exec(rest)!
      this.i += match[0].length
      return {path: match[0]}
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(rest)
    if (literal) {
      this.i += literal[0].length
      return {literal: JSON.parse(literal[0])}
    }
    throw failure(`Invalid argument '${rest}' in ${this.text}`)
  }

  private string(): string {
    this.i++
    let out = ''
    while (this.i < this.text.length) {
      const c = this.text[this.i++]!
      if (c === '\\') {
        out += this.text[this.i++] ?? ''
      } else if (c === "'") {
        return out
      } else {
        out += c
      }
    }
    throw failure(`Unterminated string in ${this.text}`)
  }
}

type Fn = (args: unknown[], name: string, raws: (string | undefined)[]) => unknown

const expectArgs = (name: string, args: unknown[], min: number, max = min): void => {
  if (args.length < min || args.length > max) {
    throw failure(`Invalid number of arguments for ${name}: expected ${min === max ? min : `${min} to ${max}`}, got ${args.length}`)
  }
}
const asString = (name: string, value: unknown): string => {
  if (typeof value !== 'string') throw failure(`${name}: expected a string argument, got ${JSON.stringify(value)}`)
  return value
}
const asArray = (name: string, value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw failure(`${name}: expected an array argument, got ${JSON.stringify(value)}`)
  return value
}
const asInteger = (name: string, value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw failure(`${name}: expected an integer, got ${JSON.stringify(value)}`)
  return value
}
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value))

const functions: Record<string, Fn> = {
  'States.Format': (args, name, raws) => {
    asString(name, args[0])
    // Placeholders are found in the raw literal, where escaped braces are still marked; a
    // template from a path has no escapes.
    const template = raws[0] ?? (args[0] as string).replace(/\\/g, '\\\\')
    let next = 1
    let out = ''
    for (let i = 0; i < template.length; i++) {
      const c = template[i]
      if (c === '\\' && i + 1 < template.length) {
        out += template[++i]
      } else if (c === '{' && template[i + 1] === '}') {
        if (next >= args.length) throw failure(`${name}: more placeholders than arguments in '${template}'`)
        out += asText(args[next++])
        i++
      } else {
        out += c
      }
    }
    if (next !== args.length) throw failure(`${name}: more arguments than placeholders in '${template}'`)
    return out
  },
  'States.StringToJson': (args, name) => {
    expectArgs(name, args, 1)
    try {
      return JSON.parse(asString(name, args[0]))
    } catch {
      throw failure(`${name}: invalid JSON string ${JSON.stringify(args[0])}`)
    }
  },
  'States.JsonToString': (args, name) => (expectArgs(name, args, 1), JSON.stringify(args[0])),
  'States.Array': (args) => args,
  'States.ArrayLength': (args, name) => (expectArgs(name, args, 1), asArray(name, args[0]).length),
  'States.ArrayContains': (args, name) => {
    expectArgs(name, args, 2)
    const needle = JSON.stringify(args[1])
    return asArray(name, args[0]).some((item) => JSON.stringify(item) === needle)
  },
  'States.ArrayGetItem': (args, name) => {
    expectArgs(name, args, 2)
    const array = asArray(name, args[0])
    const index = asInteger(name, args[1])
    if (index < 0 || index >= array.length) throw failure(`${name}: index ${index} out of bounds`)
    return array[index]
  },
  'States.ArrayRange': (args, name) => {
    expectArgs(name, args, 3)
    const [start, end, step] = args.map((a) => asInteger(name, a)) as [number, number, number]
    if (step === 0) throw failure(`${name}: step must not be 0`)
    const out: number[] = []
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v)
      if (out.length > 1000) throw failure(`${name}: the range has more than 1000 items`)
    }
    return out
  },
  'States.ArrayPartition': (args, name) => {
    expectArgs(name, args, 2)
    const array = asArray(name, args[0])
    const size = asInteger(name, args[1])
    if (size < 1) throw failure(`${name}: chunk size must be positive`)
    const out: unknown[][] = []
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size))
    return out
  },
  'States.ArrayUnique': (args, name) => {
    expectArgs(name, args, 1)
    const seen = new Set<string>()
    return asArray(name, args[0]).filter((item) => {
      const key = JSON.stringify(item)
      return seen.has(key) ? false : (seen.add(key), true)
    })
  },
  'States.StringSplit': (args, name) => {
    expectArgs(name, args, 2)
    const delimiters = asString(name, args[1])
    return asString(name, args[0])
      .split(new RegExp(`[${delimiters.replace(/[\]\\^-]/g, '\\$&')}]`))
      .filter((part) => part !== '')
  },
  'States.MathAdd': (args, name) => (expectArgs(name, args, 2), asInteger(name, args[0]) + asInteger(name, args[1])),
  'States.UUID': (args, name) => (expectArgs(name, args, 0), randomUUID()),
  'States.Base64Encode': (args, name) => (expectArgs(name, args, 1), Buffer.from(asString(name, args[0])).toString('base64')),
  'States.Base64Decode': (args, name) => (expectArgs(name, args, 1), Buffer.from(asString(name, args[0]), 'base64').toString('utf8')),
  'States.Hash': (args, name) => {
    expectArgs(name, args, 2)
    const algorithm = {MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512'}[asString(name, args[1])]
    if (!algorithm) throw failure(`${name}: unsupported algorithm ${JSON.stringify(args[1])}`)
    return createHash(algorithm).update(asText(args[0])).digest('hex')
  },
  'States.JsonMerge': (args, name) => {
    expectArgs(name, args, 3)
    if (args[2] !== false) throw failure(`${name}: only shallow merges (false) are supported`)
    return {...(args[0] as object), ...(args[1] as object)}
  },
}

function evaluate(arg: Arg, input: unknown, context: unknown, field: string): unknown {
  if ('literal' in arg) return arg.literal
  if ('path' in arg) return readPath(arg.path, input, context, field)
  const fn = functions[arg.call]
  if (!fn) throw failure(`Unknown intrinsic function ${arg.call}`)
  return fn(
    arg.args.map((a) => evaluate(a, input, context, field)),
    arg.call,
    arg.args.map((a) => ('raw' in a ? a.raw : undefined)),
  )
}

/** Evaluates an intrinsic function call such as `States.Format('job-{}', $.id)`. */
export function callIntrinsic(text: string, input: unknown, context: unknown, field: string): unknown {
  return evaluate(new Parser(text.trim()).parse(), input, context, field)
}
