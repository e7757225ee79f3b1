import type {ServiceDefinition} from '../service.js'
import {batchService} from './batch/index.js'
import {ecrService} from './ecr/index.js'
import {eventsService} from './events/index.js'
import {logsService} from './logs/index.js'
import {schedulerService} from './scheduler/index.js'
import {sfnService} from './sfn/index.js'
import {stsService} from './sts/index.js'

/** Every service the emulator serves, by SigV4 signing name. */
export function allServices(): ServiceDefinition[] {
  return [batchService, logsService, eventsService, schedulerService, sfnService, ecrService, stsService]
}
