import {closest} from './did-you-mean.js'

/** True when `zone` is an IANA time zone name the runtime (ICU) knows, e.g. `Europe/Berlin`. */
export function isTimeZone(zone: string): boolean {
  // Offsets like "+02:00" are accepted by Intl on newer runtimes but are not IANA names.
  if (!/^[A-Za-z]/.test(zone)) return false
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: zone})
    return true
  } catch {
    return false
  }
}

/** The known zone closest to a misspelt one, for "did you mean". */
export function suggestTimeZone(zone: string): string | undefined {
  const known = [...Intl.supportedValuesOf('timeZone'), 'UTC']
  return closest(zone, known) ?? known.find((candidate) => candidate.toLowerCase().endsWith(`/${zone.toLowerCase()}`))
}
