import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'

/** Compute environments, job queues, job definitions, scheduling policies and tags. */
export const controlPlaneHandlers: Record<string, Handler<BatchState>> = {}
