/** Lines shown before and after the problem line in a code frame. */
const BEFORE = 2
const AFTER = 1
/** Longer lines are cut to a window around the column so frames stay readable. */
const MAX_WIDTH = 120

/**
 * A code frame: a few numbered source lines, `>` on the problem line, and a caret under the
 * column. Plain text; colour is the renderer's business.
 *
 *      10 |   spot:
 *    > 11 |     maxvCpu: 256
 *         |     ^
 */
export function codeFrame(text: string | SourceLines, line: number, column: number): string {
  const lines = typeof text === 'string' ? splitLines(text) : text
  // One past the last line is where end-of-file problems sit (after the final newline).
  if (line < 1 || line > lines.length + 1) return ''
  const first = Math.max(1, line - BEFORE)
  const last = Math.max(line, Math.min(lines.length, line + AFTER))
  const width = String(last).length
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? ''
    const {shown, caretAt} = window(raw, n === line ? column - 1 : 0)
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} |`
    out.push(shown.length > 0 ? `${gutter} ${shown}` : gutter)
    if (n === line) {
      // Copy tabs from the source so the caret lines up whatever the terminal's tab width.
      const pad = shown.slice(0, caretAt).replace(/[^\t]/g, ' ')
      out.push(`  ${' '.repeat(width)} | ${pad}^`)
    }
  }
  return out.join('\n')
}

/** The lines of a text, split once and shared by every frame of a file. */
export type SourceLines = readonly string[]

/** Splits text into lines for codeFrame (without the empty line after a final newline). */
export function splitLines(text: string): SourceLines {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

function window(raw: string, index: number): {shown: string; caretAt: number} {
  // Control characters would garble the terminal; tabs stay (the caret line copies them).
  const clean = [...raw].map((ch) => (isControl(ch.charCodeAt(0)) ? '\uFFFD' : ch)).join('')
  if (clean.length <= MAX_WIDTH) return {shown: clean, caretAt: Math.min(index, clean.length)}
  const start = Math.max(0, Math.min(index - MAX_WIDTH / 2, clean.length - MAX_WIDTH))
  const prefix = start > 0 ? '…' : ''
  const suffix = start + MAX_WIDTH < clean.length ? '…' : ''
  return {shown: prefix + clean.slice(start, start + MAX_WIDTH) + suffix, caretAt: index - start + prefix.length}
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || code === 0x7f
}
