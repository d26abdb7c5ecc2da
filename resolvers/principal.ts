// Roles and permissions from the deployment guide. A token names roles (and may add explicit
// scopes); a principal holds the union of their permissions.

export const PERMISSIONS = [
  'ingest:upload',
  'ingest:delete',
  'query:search',
  'system:status',
  'system:migrate',
  'admin:settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: ['ingest:upload', 'query:search', 'system:status'],
  viewer: ['query:search', 'system:status'],
};

export type Principal = {
  sub: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** The systems the token is limited to (ids or glob patterns); null: every system. */
  systems?: readonly string[] | null;
};

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);
const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

/** Unknown roles and scopes grant nothing; they are not an error. */
export function principalFrom(
  sub: string,
  roles: readonly string[],
  scopes: readonly string[] = [],
  systems: readonly string[] | null = null,
): Principal {
  const known = roles.filter(isRole);
  const permissions = new Set<Permission>(known.flatMap((r) => ROLE_PERMISSIONS[r]));
  for (const s of scopes) if (isPermission(s)) permissions.add(s);
  return { sub, roles: known, permissions, systems };
}
