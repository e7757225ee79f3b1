import {defineService} from '../../service.js'
import {filterLogEventsHandlers} from './filter-log-events.js'
import {getLogEventsHandlers} from './get-log-events.js'
import {liveTailHandlers} from './live-tail.js'
import {logGroupHandlers} from './log-groups.js'
import {logStreamHandlers} from './log-streams.js'
import {putLogEventsHandlers} from './put-log-events.js'
import {createLogsState, type LogsState, restoreLogsState, saveLogsState} from './state.js'
import {tagHandlers} from './tags.js'

export {type AppendLogEvents, appendLogEvents} from './append-log-events.js'

/**
 * CloudWatch Logs (awsJson1_1, `Logs_20140328`). Other emulated services write job logs with
 * `emulator.invoke('logs', 'CreateLogStream' | 'PutLogEvents', input, region)`, or with
 * `appendLogEvents`, which creates what is missing and splits batches as AWS's limits require.
 *
 * StartLiveTail's model carries the host prefix `stream-`: against a custom endpoint such as
 * `http://127.0.0.1:<port>` the SDK would call `stream-127.0.0.1` (ENOTFOUND), so clients
 * pointed at the emulator must be built with `disableHostPrefix: true` — only then: against AWS
 * the prefix is what routes the call to `stream-logs.<region>.amazonaws.com`.
 */
export const logsService = defineService<LogsState>({
  signingName: 'logs',
  protocol: 'awsJson1_1',
  targetPrefix: 'Logs_20140328',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: createLogsState,
  dispose: (state) => state.listeners.clear(),
  save: saveLogsState,
  restore: restoreLogsState,
  handlers: {
    ...logGroupHandlers,
    ...logStreamHandlers,
    ...putLogEventsHandlers,
    ...getLogEventsHandlers,
    ...filterLogEventsHandlers,
    ...liveTailHandlers,
    ...tagHandlers,
  },
})
