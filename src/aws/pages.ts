/** Every page of a paginated AWS call (`nextToken` / `NextToken` until there is none; `""` counts as none). */
export async function pages<T>(page: (nextToken: string | undefined) => Promise<{items: T[]; nextToken?: string}>): Promise<T[]> {
  const all: T[] = []
  let token: string | undefined
  do {
    const result = await page(token)
    all.push(...result.items)
    token = result.nextToken === '' ? undefined : result.nextToken
  } while (token !== undefined)
  return all
}
