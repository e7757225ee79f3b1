import {distance} from 'fastest-levenshtein'

/**
 * The candidate closest to `wanted` by edit distance, when it is close enough to be a
 * plausible typo (two edits, or a third of the longer name when that is more; one for names of up to 3 characters).
 */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const d = distance(wanted.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  if (best === undefined) return undefined
  const longer = Math.max(wanted.length, best.length)
  // Two edits cover a swapped pair of letters ("algin"), the most common typo in names.
  const allowed = longer <= 3 ? 1 : Math.max(2, Math.floor(longer / 3))
  return bestDistance <= allowed ? best : undefined
}

/** A hint for a dangling reference: "did you mean" when close, otherwise the list of keys. */
export function referenceHint(wanted: string, candidates: string[], section: string): string {
  const match = closest(wanted, candidates)
  if (match !== undefined) return `did you mean "${match}"?`
  if (candidates.length === 0) return `no entries are defined under \`${section}\``
  return `defined under \`${section}\`: ${candidates.join(', ')}`
}
