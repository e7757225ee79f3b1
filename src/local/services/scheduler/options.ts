import type {Emulator} from '../../emulator.js'

/** Emulator options for EventBridge Scheduler (`new Emulator({services: {scheduler: {...}}})`). Times are virtual ms. */
export interface SchedulerOptions {
  /**
   * How long a deleted schedule group stays in the DELETING state before it is gone
   * (default 1000); its schedules are deleted at once and stop firing.
   */
  groupDeletionMs?: number
}

export const DEFAULT_SCHEDULER_OPTIONS: Required<SchedulerOptions> = {groupDeletionMs: 1000}

export function schedulerOptions(emulator: Emulator): Required<SchedulerOptions> {
  const given = (emulator.options.services?.scheduler ?? {}) as SchedulerOptions
  return {...DEFAULT_SCHEDULER_OPTIONS, ...given}
}
