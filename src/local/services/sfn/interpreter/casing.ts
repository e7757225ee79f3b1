// Step Functions' optimized integrations take parameters in PascalCase and answer in PascalCase,
// while the service APIs use camelCase. Map-typed members (job parameters, tags) keep their
// keys as the user wrote them.
// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html ("Parameters in
// Step Functions are expressed in PascalCase").

const MAP_MEMBERS = new Set(['parameters', 'tags', 'labels', 'annotations', 'options'])

function convert(value: unknown, key: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, key))
  if (!value || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const converted = key(k)
    out[converted] = MAP_MEMBERS.has(k.toLowerCase()) && v && typeof v === 'object' && !Array.isArray(v) ? {...v} : convert(v, key)
  }
  return out
}

export const toCamel = (value: unknown): unknown => convert(value, (k) => k.charAt(0).toLowerCase() + k.slice(1))
export const toPascal = (value: unknown): unknown => convert(value, (k) => k.charAt(0).toUpperCase() + k.slice(1))
