import type {Clock} from '../../../clock.js'
import {ExecutionHalted} from './states-error.js'

/**
 * Cancellation for a running execution and its branches: StopExecution or a timeout halts the
 * execution's scope; a failed Map iteration or Parallel branch halts its siblings' scope only.
 */
export class Scope {
  private halted_ = false
  private readonly listeners = new Set<() => void>()

  constructor(parent?: Scope) {
    parent?.onHalt(() => this.halt())
  }

  get halted(): boolean {
    return this.halted_
  }

  /** Runs `fn` once when halted (at once if already halted); returns an unsubscribe. */
  onHalt(fn: () => void): () => void {
    if (this.halted_) {
      fn()
      return () => {}
    }
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  halt(): void {
    if (this.halted_) return
    this.halted_ = true
    for (const fn of [...this.listeners]) fn()
    this.listeners.clear()
  }

  check(): void {
    if (this.halted_) throw new ExecutionHalted()
  }

  /** Waits `ms` of virtual time; rejects with ExecutionHalted if the scope halts first. */
  sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.halted_) {
        reject(new ExecutionHalted())
        return
      }
      const off = this.onHalt(() => {
        clock.clearTimeout(timer)
        reject(new ExecutionHalted())
      })
      const timer = clock.setTimeout(() => {
        off()
        resolve()
      }, ms)
    })
  }
}
