import {distance} from 'fastest-levenshtein'

/**
 * The allowed word closest to a mistyped one, if it is close enough to be a plausible typo
 * (case differences count as nothing; otherwise at most a third of the word may differ).
 */
export function suggest(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase()
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of allowed) {
    if (candidate.toLowerCase() === lower) return candidate
    const d = distance(lower, candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)))
  return bestDistance <= limit ? best : undefined
}
