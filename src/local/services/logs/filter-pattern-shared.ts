import {invalidParameter} from './constraints.js'

/** The error for a filter pattern AWS would not accept. */
export const invalid = (pattern: string) => invalidParameter(`Invalid filter pattern: ${pattern}`)

/** `*` matches anything; everything else literally. */
export function wildcardRegex(value: string): RegExp {
  const source = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${source}$`, 's')
}

/** A `%regex%` term, answering InvalidParameterException when it does not compile. */
export function regexTerm(source: string, pattern: string): RegExp {
  try {
    return new RegExp(source)
  } catch {
    throw invalid(pattern)
  }
}

