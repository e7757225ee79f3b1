import {Flags} from '@oclif/core'

import {DEFAULT_LOCAL_PORT} from '../../aws/local-target.js'
import {BaseCommand} from '../../cli/base-command.js'
import {exportLines, serve} from '../../local/cli/serve.js'

export default class LocalStart extends BaseCommand {
  static override summary = 'Start the embedded AWS-compatible emulator on 127.0.0.1.'
  static override description = `Serves AWS Batch, CloudWatch Logs, EventBridge, EventBridge Scheduler, Step Functions,
ECR and STS on one port, for the real AWS SDK clients. Prints the environment variables
to export; every batchctl command also finds it with --local. Runs until interrupted.`

  static override examples = [
    {description: 'Start it in the background; other commands find it with --local.', command: '<%= config.bin %> <%= command.id %> &'},
    {description: 'Point plain AWS SDK or CLI tools at it too: print the variables and export them.', command: '<%= config.bin %> <%= command.id %> --port 4600 > local.env & sleep 1; . ./local.env'},
    {description: 'Run job commands as local processes, time 10x faster.', command: '<%= config.bin %> <%= command.id %> --exec --speed 10'},
    {description: 'Keep state across restarts.', command: '<%= config.bin %> <%= command.id %> --state .batchctl/local-state.json'},
    {description: 'Test retries: 100 ms latency, 10% throttling.', command: '<%= config.bin %> <%= command.id %> --latency 100 --throttle-rate 0.1'},
    {description: 'Push images to a local registry (e.g. Debian\'s docker-registry on port 5000).', command: '<%= config.bin %> <%= command.id %> --registry 127.0.0.1:5000'},
  ]

  static override flags = {
    port: Flags.integer({summary: 'Port to listen on (0 picks a free one).', default: DEFAULT_LOCAL_PORT, min: 0, max: 65535}),
    host: Flags.string({summary: 'Address to listen on.', default: '127.0.0.1'}),
    exec: Flags.boolean({summary: "Run jobs' commands as local processes instead of simulating them.", default: false}),
    speed: Flags.integer({summary: 'Virtual seconds per real second (schedules and jobs move faster).', default: 1, min: 1}),
    latency: Flags.integer({summary: 'Milliseconds of latency added to every call.', default: 0, min: 0}),
    'throttle-rate': Flags.string({summary: 'Fraction of calls answered with a throttling error (0..1).', default: '0'}),
    'error-rate': Flags.string({summary: 'Fraction of calls answered with a 500 error (0..1).', default: '0'}),
    seed: Flags.integer({summary: 'Seed for the injected faults.', default: 1}),
    state: Flags.string({summary: 'Load state from this file at start and save it there on exit.'}),
    registry: Flags.string({summary: 'An OCI registry (host:port) for the emulated ECR: images are pushed there.', env: 'BATCHCTL_LOCAL_REGISTRY'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(LocalStart)
    const rate = (name: 'throttle-rate' | 'error-rate'): number => {
      const value = Number(flags[name])
      if (!(value >= 0 && value <= 1)) this.error(`--${name} must be a number from 0 to 1, got ${flags[name]}`, {exit: 1})
      return value
    }
    const {emulator, env} = await serve({
      port: flags.port,
      host: flags.host,
      exec: flags.exec,
      speed: flags.speed,
      latencyMs: flags.latency,
      throttleRate: rate('throttle-rate'),
      errorRate: rate('error-rate'),
      seed: flags.seed,
      ...(flags.state ? {stateFile: flags.state} : {}),
      ...(flags.registry ? {registry: flags.registry} : {}),
    })
    if (this.jsonEnabled()) this.logJson({url: emulator.url, env})
    else {
      this.log(exportLines(env))
      this.logToStderr(`batchctl local: serving on ${emulator.url} (Ctrl-C to stop)`)
    }
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    // The JSON document was printed at start (machines read it while the emulator runs).
    await emulator.stop()
  }
}
