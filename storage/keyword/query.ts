import type { KeywordClause } from '../types.ts';
import { termId, termOf, words } from './analyze.ts';

// The keyword query language: words (any may match; each is stemmed like the memories' words),
// "quoted phrases" (the words in this order, as written, nothing but spaces and punctuation
// between them; a quoted single word is that exact word, unstemmed) and prefixes (comput* finds
// computer and computing, as written). A memory matches when any clause does; the BM25 score
// adds up the clauses it matches.

export const MAX_CLAUSES = 32;

/** Null when the text holds no word to search for; throws (with a message) when it holds too many. */
export function parseKeywordQuery(text: string): KeywordClause[] | null {
  const clauses: KeywordClause[] = [];
  const seen = new Set<string>();
  const add = (key: string, clause: KeywordClause) => {
    if (seen.has(key)) return;
    seen.add(key);
    clauses.push(clause);
  };
  // A phrase, a prefix (letters then *), or any other run of non-space characters.
  for (const m of text.matchAll(/"([^"]*)"?|(\S+?)\*|([^\s"]+)/g)) {
    const [, phrase, prefix, plain] = m;
    if (phrase !== undefined) {
      const ws = words(phrase);
      if (ws.length > 0) {
        add(`p:${ws.join(' ')}`, {
          kind: 'phrase',
          text: `"${ws.join(' ')}"`,
          words: ws,
          ids: ws.map((w) => termId(termOf(w))),
        });
      }
    } else if (prefix !== undefined && words(prefix).length === 1) {
      const [p = ''] = words(prefix);
      add(`x:${p}`, { kind: 'prefix', text: `${p}*`, prefix: p });
    } else {
      for (const w of words(prefix ?? plain ?? '')) {
        const term = termOf(w);
        add(`t:${term}`, { kind: 'term', text: w, id: termId(term) });
      }
    }
  }
  if (clauses.length > MAX_CLAUSES) {
    throw new Error(`the query has ${clauses.length} words, phrases and prefixes; at most ${MAX_CLAUSES}`);
  }
  return clauses.length > 0 ? clauses : null;
}
