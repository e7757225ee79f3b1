/**
 * The emulator's time. Everything that moves on its own (compute environments becoming
 * VALID, jobs progressing, schedules firing) runs on this clock, so tests can speed time up
 * (`speed`) or jump it forward (`advance`) instead of sleeping.
 *
 * Timers sit in a binary heap: a 10,000-child array job schedules tens of thousands of them.
 */
export interface TimerHandle {
  readonly id: number
}

interface Timer {
  id: number
  due: number
  seq: number
  fn: () => void
}

export class Clock {
  private readonly realBase = Date.now()
  private readonly virtualBase: number
  private offset = 0
  private heap: Timer[] = []
  private cancelled = new Set<number>()
  private nextId = 1
  private realTimer: NodeJS.Timeout | undefined
  private armedFor = Number.POSITIVE_INFINITY
  private stopped = false
  /** While `advance` fires timers: the time they see. */
  private frozen: number | undefined

  /**
   * @param speed virtual milliseconds per real millisecond (1 = real time, 60 = a minute a second)
   * @param start virtual start time in epoch ms (default: now)
   */
  constructor(
    readonly speed = 1,
    start?: number,
  ) {
    this.virtualBase = start ?? this.realBase
  }

  /** Virtual epoch milliseconds. */
  now(): number {
    if (this.frozen !== undefined) return this.frozen
    return Math.floor(this.virtualBase + (Date.now() - this.realBase) * this.speed + this.offset)
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++
    this.push({id, due: this.now() + Math.max(0, delayMs), seq: id, fn})
    this.arm()
    return {id}
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.cancelled.add(handle.id)
  }

  /**
   * Jump virtual time forward, firing every timer that becomes due, in order. Each timer fires
   * with the clock showing exactly its own due time (real time spent firing is absorbed), so
   * timers it schedules land where they would in real time and fire within the same advance
   * when due before its end.
   */
  advance(ms: number): void {
    const start = this.now()
    const target = start + ms
    try {
      for (;;) {
        const top = this.heap[0]
        if (!top || top.due > target || this.stopped) break
        this.frozen = Math.max(this.frozen ?? start, top.due)
        this.pop()
        if (this.cancelled.delete(top.id)) continue
        top.fn()
      }
    } finally {
      this.frozen = undefined
      this.offset += target - this.now()
    }
    this.fireDue()
  }

  /** Number of live timers. */
  get pending(): number {
    return this.heap.length - this.cancelled.size
  }

  stop(): void {
    this.stopped = true
    this.heap = []
    this.cancelled.clear()
    if (this.realTimer) clearTimeout(this.realTimer)
  }

  private fireDue(): void {
    // Timers may schedule more timers; keep firing until nothing is due.
    for (;;) {
      const top = this.heap[0]
      if (!top || top.due > this.now() || this.stopped) break
      this.pop()
      if (this.cancelled.delete(top.id)) continue
      top.fn()
    }
    this.armedFor = Number.POSITIVE_INFINITY
    this.arm()
  }

  private arm(): void {
    if (this.stopped) return
    while (this.heap[0] && this.cancelled.has(this.heap[0].id)) this.cancelled.delete(this.pop()!.id)
    const next = this.heap[0]
    if (!next || next.due >= this.armedFor) return
    if (this.realTimer) clearTimeout(this.realTimer)
    this.armedFor = next.due
    const realDelay = Math.max(0, (next.due - this.now()) / this.speed)
    this.realTimer = setTimeout(() => this.fireDue(), Math.min(Math.ceil(realDelay), 2 ** 31 - 1))
    this.realTimer.unref()
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq)
  }

  private push(timer: Timer): void {
    const heap = this.heap
    heap.push(timer)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(heap[i]!, heap[parent]!)) break
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop()
    if (heap.length > 0 && last) {
      heap[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < heap.length && this.less(heap[left]!, heap[smallest]!)) smallest = left
        if (right < heap.length && this.less(heap[right]!, heap[smallest]!)) smallest = right
        if (smallest === i) break
        ;[heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!]
        i = smallest
      }
    }
    return top
  }
}
