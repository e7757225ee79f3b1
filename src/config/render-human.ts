import type {LocatedDiagnostic} from './diagnostic.js'

/** Options of renderHuman. */
export interface HumanRenderOptions {
  /** ANSI colour (only when writing to a terminal and NO_COLOR is unset). */
  color?: boolean
}

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text)

/**
 * Diagnostics for people, compiler style:
 *
 *     batch.yaml:12:5: error[unknown-key] unknown key "maxvCpu" in computeEnvironments.spot
 *       > 12 |     maxvCpu: 256
 *            |     ^
 *       expected: one of type, maxvCpus, ...
 *       hint: did you mean "maxvCpus"?
 *
 *     1 error in batch.yaml
 */
export function renderHuman(file: string, diagnostics: readonly LocatedDiagnostic[], options: HumanRenderOptions = {}): string {
  const color = options.color === true
  const blocks = diagnostics.map((d) => {
    const lines = [`${paint(color, '1', `${d.file}:${d.line}:${d.column}:`)} ${paint(color, '31;1', `error[${d.code}]`)} ${d.message}`]
    if (d.frame) lines.push(...d.frame.split('\n').map((line) => '  ' + colorFrameLine(line, color)))
    if (d.expected) lines.push(`  ${paint(color, '36', 'expected:')} ${d.expected}`)
    if (d.hint) lines.push(`  ${paint(color, '32', 'hint:')} ${d.hint}`)
    return lines.join('\n')
  })
  return [...blocks, summary(file, diagnostics.length)].join('\n\n') + '\n'
}

/** "2 errors in batch.yaml". */
export function summary(file: string, count: number): string {
  return `${count} ${count === 1 ? 'error' : 'errors'} in ${file}`
}

function colorFrameLine(line: string, color: boolean): string {
  if (!color) return line
  if (line.startsWith('>')) return paint(color, '1', line)
  if (/\|\s*[\t ]*\^$/.test(line)) return line.replace(/\^$/, paint(color, '31;1', '^'))
  return paint(color, '2', line)
}
