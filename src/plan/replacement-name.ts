import {createHash} from 'node:crypto'

/** `-` and 8 hex digits: what a generated name adds to (or puts at the end of) its base. */
const SUFFIX_LENGTH = 9
const HEX8 = /^[0-9a-f]{8}$/

/**
 * The name of a create-before-delete replacement that keeps its logical name (the old resource
 * still holds the base name until it is deleted). Deterministic — a function of the base name
 * and the desired spec's hash only — so plan and apply, and a re-run after an interrupted apply,
 * all arrive at the same name.
 *
 * `${base}-${specHash[0..8]}` when that fits `maxLength`. Otherwise the base is cut so that the
 * name is exactly `maxLength` long, and the suffix hashes the full base with the spec hash:
 * two long names that share their first `maxLength - 9` characters still get different
 * replacements (a suffix from the spec hash alone would collide for equal specs).
 */
export function replacementName(base: string, specHash: string, maxLength: number): string {
  const plain = `${base}-${specHash.slice(0, 8)}`
  if (plain.length <= maxLength) return plain
  const suffix = createHash('sha256').update(`${base}\n${specHash}`).digest('hex').slice(0, 8)
  return `${base.slice(0, maxLength - SUFFIX_LENGTH)}-${suffix}`
}

/**
 * Whether `name` is a name replacementName could have given `base` (for some spec): the live
 * resource is then this desired resource under its generated name, not a rename. Only asked
 * about a live resource already matched to the desired one (by its logical-name tag), so the one
 * ambiguity — a long base's cut form reads like the plain form of a base exactly 71 (limit - 9)
 * characters long — cannot mix up two resources.
 */
export function isGeneratedVariant(name: string, base: string, maxLength: number): boolean {
  const suffix = name.slice(-8)
  if (!HEX8.test(suffix) || name.at(-SUFFIX_LENGTH) !== '-') return false
  if (name.length === base.length + SUFFIX_LENGTH && name.startsWith(`${base}-`)) return true
  // The shortened form: only a base too long for the plain form is cut.
  return base.length + SUFFIX_LENGTH > maxLength && name.length === maxLength && name.startsWith(`${base.slice(0, maxLength - SUFFIX_LENGTH)}-`)
}
