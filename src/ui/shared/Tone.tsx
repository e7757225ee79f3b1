import {Text} from 'ink'
import {createContext, useContext, type ReactNode} from 'react'

import type {Style} from './colors.js'

/**
 * Whether views may colour their text. Ink's chalk looks at stdout and FORCE_COLOR only, so
 * the mount helpers decide with `colorEnabled` (NO_COLOR, FORCE_COLOR, TTY) and provide it here.
 */
export const ColorContext = createContext(true)

/** Text in one of the shared styles, plain when colour is off. */
export function Tone({style, children}: {style: Style | undefined; children: ReactNode}) {
  const color = useContext(ColorContext)
  if (!color || style === undefined) return <Text>{children}</Text>
  if (style === 'bold') return <Text bold>{children}</Text>
  if (style === 'dim') return <Text dimColor>{children}</Text>
  return <Text color={style === 'gray' ? 'gray' : style}>{children}</Text>
}
