import {UserError} from '../errors.js'

/** `--command`: a JSON array of strings, or words split on whitespace. */
export function parseCommand(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (text.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((part) => typeof part === 'string')) {
      throw new UserError(`--command ${value}: expected a JSON array of strings`, {code: 'bad-flag', hints: ['for example --command \'["python", "run.py", "--fast"]\'']})
    }
    return parsed as string[]
  }
  const words = text.split(/\s+/).filter(Boolean)
  if (words.length === 0) throw new UserError('--command is empty', {code: 'bad-flag'})
  return words
}

/** A positive number flag given as text (vCPUs may be fractional on Fargate). */
export function parseNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new UserError(`--${flag} ${value}: expected a positive number`, {code: 'bad-flag'})
  return number
}

const UNITS: Record<string, number> = {s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000}

/** `--since`/`--until`: a duration before now (`90s`, `10m`, `2h`, `1d`) or an ISO 8601 date → epoch ms. */
export function parseTimeFlag(value: string | undefined, flag: string, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)([smhdw])$/.exec(value.trim())
  if (match) return Math.round(now - Number(match[1]) * UNITS[match[2]!]!)
  const date = Date.parse(value)
  if (Number.isNaN(date)) {
    throw new UserError(`--${flag} ${value}: expected a duration such as 10m, 2h, 1d, or a date such as 2026-01-31T12:00:00Z`, {code: 'bad-flag'})
  }
  return date
}
