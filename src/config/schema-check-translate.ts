import type {ErrorObject} from 'ajv'

import type {Diagnostic} from './diagnostic.js'
import {describeValue, listOf, pathLabel, showValue, typeName} from './schema-check-labels.js'
import {suggest} from './schema-check-suggest.js'

/** Turns an ajv instancePath into a Diagnostic path; array indices become numbers. */
export function instancePath(pointer: string, data: unknown): Array<string | number> {
  if (pointer === '') return []
  const path: Array<string | number> = []
  let current: unknown = data
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      path.push(Number(segment))
      current = current[Number(segment)]
    } else {
      path.push(segment)
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined
    }
  }
  return path
}

/** Builds a Diagnostic, leaving out empty optional fields. */
export function make(code: string, path: Array<string | number>, message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  const d: Diagnostic = {code, message, path}
  if (extra.expected !== undefined) d.expected = extra.expected
  if (extra.hint !== undefined) d.hint = extra.hint
  if (extra.atKey) d.atKey = true
  return d
}

/**
 * One ajv error (not a oneOf/anyOf: see schema-check-combinators) as a Diagnostic, or none for
 * errors that only repeat another (`if`, the outer `propertyNames`).
 */
export function translateError(error: ErrorObject, data: unknown): Diagnostic | undefined {
  const path = instancePath(error.instancePath, data)
  const label = pathLabel(path)
  const params = error.params as Record<string, any>
  const parent = (error.parentSchema ?? {}) as Record<string, any>
  // Errors under `propertyNames` are about a key, not the value at instancePath.
  const propertyName = (error as ErrorObject & {propertyName?: string}).propertyName
  if (propertyName !== undefined) {
    return make('invalid-key', [...path, propertyName], `invalid key ${JSON.stringify(propertyName)} in ${label}`, {
      expected: keyExpectation(error),
      atKey: true,
    })
  }
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined
    case 'required':
    case 'dependentRequired': {
      const missing = String(params['missingProperty'])
      const description = parent['properties']?.[missing]?.description
      return make('missing-required', path, `${label} is missing the required key "${missing}"`, {
        expected: typeof description === 'string' ? `${missing}: ${firstSentence(description)}` : undefined,
      })
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params['additionalProperty'] ?? params['unevaluatedProperty'])
      const allowed = Object.keys(parent['properties'] ?? {})
      const close = suggest(key, allowed)
      return make('unknown-key', [...path, key], `unknown key "${key}" in ${label}`, {
        expected: allowed.length > 0 ? `one of ${listOf(allowed)}` : undefined,
        hint: close ? `did you mean "${close}"?` : undefined,
        atKey: true,
      })
    }
    case 'type':
      return make('wrong-type', path, `${label} must be ${typeName(params['type'])}, got ${describeValue(error.data)}`, {
        expected: typeName(params['type']),
        hint: typeHint([params['type']].flat().map(String), error.data),
      })
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]) ?? []
      const close = typeof error.data === 'string' ? suggest(error.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined
      return make('invalid-value', path, `${label} has the invalid value ${showValue(error.data)}`, {
        expected: `one of ${listOf(allowed, 30)}`,
        hint: close ? `did you mean "${close}"?` : undefined,
      })
    }
    case 'const':
      return make('invalid-value', path, `${label} has the invalid value ${showValue(error.data)}`, {expected: showValue(params['allowedValue'])})
    case 'pattern':
      return make('invalid-value', path, `${label} has the invalid value ${showValue(error.data)}`, {
        expected: patternExpectation(parent, String(params['pattern'])),
      })
    case 'format':
      return make('invalid-value', path, `${label} is not a valid ${String(params['format'])}: ${showValue(error.data)}`, {
        expected: `a ${String(params['format'])}`,
      })
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = `${String(params['comparison'])} ${String(params['limit'])}`
      return make('out-of-range', path, `${label} is ${showValue(error.data)}, which is out of range`, {expected: `a number ${bound}`})
    }
    case 'multipleOf':
      return make('out-of-range', path, `${label} is ${showValue(error.data)}, not a multiple of ${String(params['multipleOf'])}`, {
        expected: `a multiple of ${String(params['multipleOf'])}`,
      })
    case 'minLength':
    case 'maxLength':
      return make('out-of-range', path, `${label} is ${error.keyword === 'minLength' ? 'too short' : 'too long'}: ${showValue(error.data)}`, {
        expected: `${error.keyword === 'minLength' ? 'at least' : 'at most'} ${plural(Number(params['limit']), 'character', 'characters')}`,
      })
    case 'minItems':
    case 'maxItems':
      return make('out-of-range', path, `${label} has ${error.keyword === 'minItems' ? 'too few' : 'too many'} entries`, {
        expected: `${error.keyword === 'minItems' ? 'at least' : 'at most'} ${plural(Number(params['limit']), 'entry', 'entries')}`,
      })
    case 'minProperties':
    case 'maxProperties':
      return make('out-of-range', path, `${label} has ${error.keyword === 'minProperties' ? 'too few' : 'too many'} keys`, {
        expected: `${error.keyword === 'minProperties' ? 'at least' : 'at most'} ${plural(Number(params['limit']), 'key', 'keys')}`,
      })
    case 'uniqueItems': {
      // Point at the repetition, the later of the two entries.
      const [first, second] = [Number(params['i']), Number(params['j'])].sort((a, b) => a - b)
      return make('duplicate-item', [...path, second!], `${label} lists the same value twice (entries ${first} and ${second})`, {
        expected: 'each entry once',
      })
    }
    case 'false schema':
      return make('unknown-key', path, `${label} is not allowed here`, {atKey: true})
    default:
      return make('invalid-value', path, `${label} ${error.message ?? 'is invalid'}`)
  }
}

/** Common YAML surprises behind a wrong type. */
function typeHint(types: string[], value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  if (types.includes('boolean') && /^(yes|no|on|off|y|n)$/i.test(value)) {
    return `YAML 1.2 reads ${value} as text: write true or false`
  }
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && Number.isFinite(Number(value))) {
    return 'remove the quotes to make it a number'
  }
  return undefined
}

function keyExpectation(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, any>
  if (error.keyword === 'pattern') return patternExpectation(error.parentSchema as Record<string, any>, String(params['pattern']))
  if (error.keyword === 'maxLength') return `at most ${String(params['limit'])} characters`
  if (error.keyword === 'minLength') return `at least ${String(params['limit'])} characters`
  if (error.keyword === 'not') return `a key that does not match ${JSON.stringify((error.schema as Record<string, any>)?.['pattern'] ?? '')}`
  return undefined
}

function patternExpectation(schema: Record<string, any> | undefined, pattern: string): string {
  const description = schema?.['description']
  return typeof description === 'string' ? `${firstSentence(description)} (pattern ${pattern})` : `a value matching ${pattern}`
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/)
  return end === -1 ? text : text.slice(0, end)
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}
