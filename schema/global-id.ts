// Globally unique ids for objects whose own id is only unique within a system (Relay global object
// identification): base64url of "<Type>:<systemId>:<client id>". A system id never holds ":", so
// the client id after it may. Normalised caches (Apollo Client, urql Graphcache) key objects by
// `__typename` and `id`, so two systems' memories with the same client id stay two objects.

export function globalId(type: string, systemId: string, clientId: string): string {
  return Buffer.from(`${type}:${systemId}:${clientId}`, 'utf8').toString('base64url');
}

/** The parts of a global id, or null when it is not one. */
export function parseGlobalId(id: string): { type: string; systemId: string; clientId: string } | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const m = /^([A-Za-z]+):([A-Za-z0-9_-]+):([\s\S]+)$/.exec(text);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { type: m[1], systemId: m[2], clientId: m[3] };
}
