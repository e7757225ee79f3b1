/**
 * ANSI styling for the plain-text views, honouring NO_COLOR and FORCE_COLOR
 * (https://no-color.org). Ink views get the same choice through their own chalk.
 */
export type Style = 'green' | 'yellow' | 'red' | 'cyan' | 'magenta' | 'blue' | 'gray' | 'bold' | 'dim'

const CODES: Record<Style, [number, number]> = {
  green: [32, 39],
  yellow: [33, 39],
  red: [31, 39],
  cyan: [36, 39],
  magenta: [35, 39],
  blue: [34, 39],
  gray: [90, 39],
  bold: [1, 22],
  dim: [2, 22],
}

/** Whether to colour output written to a stream with this TTY-ness, given the environment. */
export function colorEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return isTTY === true && env.TERM !== 'dumb'
}

export type Paint = (style: Style, text: string) => string

export function painter(enabled: boolean): Paint {
  return enabled ? (style, text) => `\u001B[${CODES[style][0]}m${text}\u001B[${CODES[style][1]}m` : (_style, text) => text
}
