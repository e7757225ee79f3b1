// Daemonless build + push of a ~200 MB context, as a ratio to `tar | gzip` of the same files on
// the same machine; then the unchanged re-push: time and registry round trips.
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {buildAndPush} from '../src/images/daemonless.js'
import {RegistryClient} from '../src/images/registry/client.js'
import {pushBaseImage} from '../test/helpers/oci.js'
import {startRegistry} from '../test/helpers/registry.js'
import {machine, median, writeSection} from './lib.js'

/** Text-like content (compressible, like code and data files), deterministic. */
function makeContext(dir: string, totalBytes: number): void {
  const words = ['sample', 'align', 'read', 'genome', 'chunk', 'batch', 'queue', 'vcpu', 'memory', 'node']
  let seed = 42
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff)
  const fileSize = 4 * 1024 * 1024
  for (let written = 0, i = 0; written < totalBytes; i++) {
    const parts: string[] = []
    let size = 0
    while (size < fileSize) {
      const line = `${words[next() % 10]} ${next()} ${words[next() % 10]} ${(next() % 100000) / 100}\n`
      parts.push(line)
      size += line.length
    }
    mkdirSync(join(dir, `d${i % 8}`), {recursive: true})
    writeFileSync(join(dir, `d${i % 8}`, `f${i}.txt`), parts.join(''))
    written += size
  }
}

export async function run({runs = Number(process.env.BENCH_RUNS ?? 3)} = {}) {
  const registry = await startRegistry()
  const work = mkdtempSync(join(tmpdir(), 'batchctl-bench-images-'))
  try {
    await pushBaseImage(registry.host, 'base', '1')
    const size = Number(process.env.BENCH_IMAGE_BYTES ?? 200 * 1024 * 1024)
    makeContext(join(work, 'ctx'), size)
    const spec = {base: `${registry.host}/base:1`, files: [{src: './ctx', dest: '/data'}]}
    const tarTimes: number[] = []
    const pushTimes: number[] = []
    for (let i = 0; i < runs; i++) {
      let start = performance.now()
      execFileSync('sh', ['-c', `tar -C ${work} -cf - ctx | gzip -6 > /dev/null`])
      tarTimes.push(performance.now() - start)
      start = performance.now()
      await buildAndPush({spec, baseDir: work, target: `${registry.host}/bench-${i}`})
      pushTimes.push(performance.now() - start)
    }
    const clients = new Map<string, RegistryClient>()
    const start = performance.now()
    const again = await buildAndPush({spec, baseDir: work, target: `${registry.host}/bench-0`, clients})
    const unchangedMs = performance.now() - start
    const stats = clients.get(registry.host)!.stats
    const tarMs = median(tarTimes)
    const pushMs = median(pushTimes)
    writeSection(
      'images',
      `## Daemonless image build + push (\`bench/images.bench.ts\`)

${machine()}; ${(size / 1024 / 1024).toFixed(0)} MiB of text-like files, local registry on 127.0.0.1, median of ${runs}.

| what | median ms | ratio |
|---|---|---|
| \`tar -cf - ctx \\| gzip -6\` | ${tarMs.toFixed(0)} | 1.00× |
| daemonless build + push (new repository) | ${pushMs.toFixed(0)} | ${(pushMs / tarMs).toFixed(2)}× |
| unchanged re-push (content tag found) | ${unchangedMs.toFixed(1)} | ${(unchangedMs / tarMs).toFixed(3)}× |

Unchanged re-push: skipped=${again.skipped}, ${stats.requests} registry round trips, ${stats.blobUploads} blob uploads (target: none, ≤ 3 round trips).
The build hashes every file (to find the content tag), then tars and gzips with pako (pure JavaScript, so the
digest is the same on every Node version), which is the bulk of the time.`,
    )
    return {tarMs, pushMs, unchangedMs, requests: stats.requests}
  } finally {
    await registry.stop()
    rmSync(work, {recursive: true, force: true})
  }
}
