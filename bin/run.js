#!/usr/bin/env node
// The AWS SDK warns on Node < 22 at run time; that warning is not batchctl's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

import {execute} from '@oclif/core'

await execute({dir: import.meta.url})
