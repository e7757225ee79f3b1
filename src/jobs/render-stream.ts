import type {Writable} from 'node:stream'

import type {FollowEvent} from './follow.js'
import {renderNdjson} from './render-ndjson.js'
import {renderText} from './render-text.js'

export interface PrinterOptions {
  json: boolean
  color: boolean
  timestamps: boolean
  stdout?: Writable
  stderr?: Writable
}

/** Whether to colour: a TTY, no NO_COLOR; FORCE_COLOR wins. */
export function useColor(stream: {isTTY?: boolean}): boolean {
  if (process.env['FORCE_COLOR'] && process.env['FORCE_COLOR'] !== '0') return true
  return stream.isTTY === true && !process.env['NO_COLOR']
}

/** Prints follow events as they come: NDJSON on stdout, or text (log lines on stdout, progress on stderr). */
export function eventPrinter(options: PrinterOptions): (event: FollowEvent) => void {
  const out = options.stdout ?? process.stdout
  const err = options.stderr ?? process.stderr
  return (event) => {
    if (options.json) {
      const line = renderNdjson(event)
      if (line !== undefined) out.write(line + '\n')
      return
    }
    const rendered = renderText(event, options)
    if (rendered) (rendered.to === 'stdout' ? out : err).write(rendered.text + '\n')
  }
}
