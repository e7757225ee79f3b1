import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, JobDefinition} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {describeFargateMemory, FARGATE_VCPUS, fargateMemoryFor, fargateVcpusFor} from './fargate-sizes.js'
import {jobUses, queuePlatform, resolveJobPlatform} from './platform.js'

/** EC2-only job settings that RegisterJobDefinition rejects for Fargate. */
const EC2_ONLY_JOB_FIELDS: Array<keyof JobDefinition> = ['gpus', 'privileged']

/**
 * Jobs fit the platform they run on: a job is submitted only to queues of its platform; Fargate
 * jobs set `vcpus` and `memory` to a pair Fargate accepts and use no EC2-only settings; the
 * `fargate` block appears only on Fargate jobs.
 */
export function checkJobPlatforms(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const use of jobUses(config)) {
    const job = config.jobDefinitions?.[use.job]
    if (job === undefined || use.queue === undefined) continue
    const platform = resolveJobPlatform(config, use.job)
    const queue = queuePlatform(config, use.queue)
    if (platform === undefined || queue === undefined || platform === queue) continue
    out.push(
      diagnostic('platform-mismatch', [...use.path, 'queue'], `Job "${use.job}" runs on ${platform} but queue "${use.queue}" has ${queue} compute environments.`, {
        expected: `a queue with ${platform === 'FARGATE' ? 'FARGATE or FARGATE_SPOT' : 'EC2 or SPOT'} compute environments`,
        hint: job.platform !== undefined ? 'change the job\'s `platform` or submit it to another queue' : 'submit it to a queue of one platform only',
      }),
    )
  }
  for (const [key, job] of entries(config.jobDefinitions)) {
    const platform = resolveJobPlatform(config, key)
    if (platform === 'FARGATE') checkFargateJob(out, key, job)
    else if (platform === 'EC2' && job.fargate !== undefined) {
      out.push(
        diagnostic('platform-mismatch', ['jobDefinitions', key, 'fargate'], `Job "${key}" runs on EC2, so its \`fargate\` settings would be ignored.`, {
          expected: '`fargate` only on jobs with `platform: FARGATE`',
          hint: 'set `platform: FARGATE` or remove the `fargate` block',
          atKey: true,
        }),
      )
    }
  }
  return out
}

function checkFargateJob(out: Diagnostic[], key: string, job: JobDefinition): void {
  const base = ['jobDefinitions', key]
  for (const field of EC2_ONLY_JOB_FIELDS) {
    if (job[field] === undefined || job[field] === 0 || job[field] === false) continue
    out.push(
      diagnostic('fargate-unsupported', [...base, field], `Job "${key}" runs on Fargate, which does not support \`${field}\`.`, {
        expected: `no \`${field}\` on Fargate jobs`,
        hint: 'run the job on an EC2 or SPOT queue (`platform: EC2`)',
        atKey: true,
      }),
    )
  }
  if (job.nodes !== undefined) return // multi-node on Fargate is reported by the multi-node check
  if (job.vcpus === undefined || job.memory === undefined) {
    out.push(
      diagnostic('fargate-resources', base, `Fargate job "${key}" must set both \`vcpus\` and \`memory\`.`, {
        expected: `vcpus one of ${FARGATE_VCPUS.join(', ')} with a matching memory size`,
        hint: 'e.g. `vcpus: 1` and `memory: 2048`',
        atKey: true,
      }),
    )
    return
  }
  if (!FARGATE_VCPUS.includes(job.vcpus)) {
    out.push(
      diagnostic('fargate-resources', [...base, 'vcpus'], `Fargate does not offer ${job.vcpus} vCPUs (job "${key}").`, {
        expected: `one of ${FARGATE_VCPUS.join(', ')}`,
        hint: fargateVcpusFor(job.memory).length > 0 ? `with memory ${job.memory} use vcpus ${fargateVcpusFor(job.memory).join(' or ')}` : undefined,
      }),
    )
    return
  }
  if (!fargateMemoryFor(job.vcpus).includes(job.memory)) {
    const fits = fargateVcpusFor(job.memory)
    out.push(
      diagnostic('fargate-resources', [...base, 'memory'], `Fargate does not offer ${job.memory} MiB with ${job.vcpus} vCPU (job "${key}").`, {
        expected: `with ${job.vcpus} vCPU: ${describeFargateMemory(job.vcpus)}`,
        hint: fits.length > 0 ? `${job.memory} MiB fits vcpus ${fits.join(' or ')}` : undefined,
      }),
    )
  }
}
