import {describe, expect, it} from 'vitest'

import {onInterrupt} from '../../src/cli/interrupt.js'

describe('onInterrupt', () => {
  it('aborts with the reason on the signal and stays listening until disposed', () => {
    // SIGUSR2 stands in for SIGINT: emitting SIGINT would reach the test runner's own listeners.
    const before = process.listenerCount('SIGUSR2')
    const reason = new Error('interrupted')
    const interrupt = onInterrupt(reason, ['SIGUSR2'])
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1)
    process.emit('SIGUSR2', 'SIGUSR2')
    expect(interrupt.signal.aborted).toBe(true)
    expect(interrupt.signal.reason).toBe(reason)
    // Still there after it ran (a once-listener would be gone, leaving Ink's signal-exit alone).
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1)
    interrupt.dispose()
    expect(process.listenerCount('SIGUSR2')).toBe(before)
  })

  it('listens to SIGINT and SIGTERM by default', () => {
    const counts = () => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]
    const before = counts()
    const interrupt = onInterrupt()
    expect(counts()).toEqual([before[0]! + 1, before[1]! + 1])
    interrupt.dispose()
    expect(counts()).toEqual(before)
  })
})
