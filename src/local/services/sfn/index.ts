import {defineService} from '../../service.js'
import {executionHandlers} from './executions.js'
import {mapRunHandlers} from './map-runs.js'
import {restoreSfn, saveSfn} from './persistence.js'
import {createSfnState, type SfnState} from './state.js'
import {stateMachineHandlers} from './state-machines.js'
import {tagHandlers} from './tags.js'
import {validateStateMachineDefinition} from './validate-definition.js'

/**
 * Step Functions (awsJson1_0, `AWSStepFunctions`): state machines, versions, tags and
 * executions run by an ASL interpreter on the emulator's clock, with Batch integrations.
 */
export const sfnService = defineService<SfnState>({
  signingName: 'states',
  protocol: 'awsJson1_0',
  targetPrefix: 'AWSStepFunctions',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: createSfnState,
  dispose: (state) => {
    state.disposed = true
    state.running.clear()
  },
  save: saveSfn,
  restore: restoreSfn,
  handlers: {...stateMachineHandlers, ...tagHandlers, ...executionHandlers, ...mapRunHandlers, ValidateStateMachineDefinition: validateStateMachineDefinition},
})
