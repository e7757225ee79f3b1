import type {ExecutionRecord} from '../state.js'

/** The context object (`$$`) a state sees. */
export interface ContextObject {
  Execution: {Id: string; Input: unknown; Name: string; RoleArn: string; StartTime: string; RedriveCount: number}
  StateMachine: {Id: string; Name: string}
  State: {Name: string; EnteredTime: string; RetryCount: number}
  Map?: {Item: {Index: number; Value: unknown}}
}

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
export function contextFor(execution: ExecutionRecord, input: unknown, stateName: string, enteredAt: number, retryCount = 0): ContextObject {
  const machineName = execution.stateMachineArn.split(':')[6] ?? ''
  return {
    Execution: {
      Id: execution.executionArn,
      Input: input,
      Name: execution.name,
      RoleArn: execution.roleArn,
      StartTime: new Date(execution.startDate).toISOString(),
      RedriveCount: 0,
    },
    StateMachine: {Id: execution.stateMachineArn, Name: machineName},
    State: {Name: stateName, EnteredTime: new Date(enteredAt).toISOString(), RetryCount: retryCount},
  }
}
