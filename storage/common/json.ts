/** A JSON object (not null, not an array). The one such check; resolvers/validation.ts uses it too. */
export const isJsonObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object parsed from `text`, or null when it is not JSON of an object. */
export function parseJsonObject(text: unknown): Record<string, unknown> | null {
  if (typeof text !== 'string' || text === '') return null;
  try {
    const v: unknown = JSON.parse(text);
    return isJsonObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** The object a stored JSON column holds (metadata, properties); throws when it is not one. */
export function storedJsonObject(text: string): Record<string, unknown> {
  const v = parseJsonObject(text);
  if (v === null) throw new Error('a stored JSON column does not hold an object');
  return v;
}
