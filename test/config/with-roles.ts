import {checkSemantics} from '../../src/config/semantic/index.js'
import type {SemanticContext} from '../../src/config/semantic/index.js'
import type {BatchConfig} from '../../src/config/types.generated.js'

/** Default roles for schedules, triggers and workflows, so checks of other rules see no `missing-role`. */
export function withRoles(config: BatchConfig): BatchConfig {
  return {
    ...config,
    defaults: {
      scheduleRole: 'arn:aws:iam::123456789012:role/scheduler',
      triggerRole: 'arn:aws:iam::123456789012:role/events',
      workflowRole: 'arn:aws:iam::123456789012:role/sfn',
      ...config.defaults,
    },
  }
}

/** `checkSemantics` of a config with the default roles added (see `withRoles`). */
export function checkWithRoles(config: BatchConfig, context: SemanticContext): ReturnType<typeof checkSemantics> {
  return checkSemantics(withRoles(config), context)
}
