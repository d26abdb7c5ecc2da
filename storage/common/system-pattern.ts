// System patterns: a system id, or a glob such as team-a-* (`*` matches any run of characters).
// Token scopes, push tokens and retention rules all name systems this way.

const SYSTEM_PATTERN = /^[A-Za-z0-9_*-]{1,100}$/;
export const isSystemPattern = (p: string) => SYSTEM_PATTERN.test(p);

export function systemMatcher(pattern: string): (id: string) => boolean {
  if (!pattern.includes('*')) return (id) => id === pattern;
  const re = new RegExp(`^${pattern.split('*').join('.*')}$`);
  return (id) => re.test(id);
}
