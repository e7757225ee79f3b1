/** Minimal XML for the query protocol (STS): escape text and serialise plain objects. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[c]!)
}

/** Objects become nested elements; arrays become `<member>` lists, as the query protocol does. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('')
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('')
  }
  return escapeXml(String(value))
}
