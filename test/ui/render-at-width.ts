import {EventEmitter} from 'node:events'
import {stripVTControlCharacters} from 'node:util'

import {render} from 'ink'
import type {ReactElement} from 'react'

/** A stand-in terminal of a fixed width that keeps every frame Ink writes. */
class FakeTerminal extends EventEmitter {
  readonly frames: string[] = []
  constructor(readonly columns: number) {
    super()
  }
  write = (frame: string): boolean => {
    this.frames.push(frame)
    return true
  }
}

/**
 * ink-testing-library's `render`, at a chosen width: its 4.x pins stdout to 100 columns. Debug
 * mode makes every frame the full screen (static output included), so the last frame is what
 * a user sees. Frames are returned unstyled, without trailing blanks.
 */
export function renderAt(tree: ReactElement, columns: number) {
  const stdout = new FakeTerminal(columns)
  const stderr = new FakeTerminal(columns)
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  })
  return {
    // Trailing blanks are invisible on a terminal, and Ink keeps some only when colouring
    // (FORCE_COLOR): drop them so frames compare the same either way.
    lastFrame: () =>
      stripVTControlCharacters(stdout.frames.at(-1) ?? '')
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n'),
    rerender: (next: ReactElement) => instance.rerender(next),
    unmount: () => instance.unmount(),
  }
}
