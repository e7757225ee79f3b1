import type {ExecutionRecord, SfnState, StateMachineRecord} from './state.js'

/** What `--state file` keeps of Step Functions: state machines and execution records. */
interface SavedSfn {
  stateMachines: StateMachineRecord[]
  executions: ExecutionRecord[]
}

// Running executions cannot resume in a new process: they are saved as aborted, which is what
// a caller would see if the service had stopped them.
export function saveSfn(state: SfnState): SavedSfn {
  const now = state.emulator.clock.now()
  return {
    // A machine being deleted would be gone by the time the state is loaded again.
    stateMachines: [...state.stateMachines.values()].filter((machine) => machine.status === 'ACTIVE'),
    executions: [...state.executions.values()].map((execution) =>
      execution.status === 'RUNNING'
        ? {...execution, status: 'ABORTED', stopDate: now, error: 'States.Runtime', cause: 'The emulator stopped while the execution was running'}
        : execution,
    ),
  }
}

export function restoreSfn(state: SfnState, saved: unknown): void {
  const data = saved as Partial<SavedSfn>
  for (const machine of data.stateMachines ?? []) state.stateMachines.set(machine.stateMachineArn, machine)
  for (const execution of data.executions ?? []) state.executions.set(execution.executionArn, execution)
}
