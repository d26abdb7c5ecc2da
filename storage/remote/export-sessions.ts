import { randomUUID } from 'node:crypto';
import type { ExportFilter, ShardPort } from '../port.ts';
import type { StoredMemory } from '../types.ts';

// A store's side of an export through an api pod: the export's pages are read by an open
// generator that the api asks for one page at a time, naming the session it got with the first.
// At most `max` sessions are open; one not asked for `idleMs` is closed.

export type ExportPage = { rows: StoredMemory[]; session: string | null };

export function createExportSessions(
  stores: Pick<ShardPort, 'exportRows'>,
  opts: { max?: number; idleMs?: number } = {},
) {
  const max = opts.max ?? 16;
  const idleMs = opts.idleMs ?? 60_000;
  const open = new Map<string, { pages: AsyncGenerator<StoredMemory[]>; timer: NodeJS.Timeout }>();
  const close = (id: string) => {
    const s = open.get(id);
    if (!s) return;
    open.delete(id);
    clearTimeout(s.timer);
    void s.pages.return(undefined).catch(() => {});
  };
  return {
    /** The next page: of a new export (session null) or of the named one; session null at the end. */
    async next(systemId: string, where: ExportFilter, session: string | null): Promise<ExportPage> {
      let id = session;
      let entry = id ? open.get(id) : undefined;
      if (id && !entry)
        throw new Error(`export session ${id} is gone (idle over ${idleMs / 1000} s, or ended)`);
      if (!entry) {
        if (open.size >= max) throw new Error(`too many exports at once (${max}); try again later`);
        id = randomUUID();
        entry = { pages: stores.exportRows(systemId, where), timer: setTimeout(() => {}, 0) };
        open.set(id, entry);
      }
      clearTimeout(entry.timer);
      const sid = id as string;
      try {
        const page = await entry.pages.next();
        if (page.done) {
          close(sid);
          return { rows: [], session: null };
        }
        entry.timer = setTimeout(() => close(sid), idleMs);
        return { rows: page.value, session: sid };
      } catch (err) {
        close(sid);
        throw err;
      }
    },
    closeAll(): void {
      for (const id of [...open.keys()]) close(id);
    },
  };
}

export type ExportSessions = ReturnType<typeof createExportSessions>;
