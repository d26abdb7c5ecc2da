import { stemmer } from 'stemmer';

// How text becomes keyword terms, the same for memories (at write time) and queries:
// NFC, lower-cased; words are runs of letters, marks and digits (Unicode classes), except that
// Han and kana characters are words of one character each (those scripts put no spaces between
// words); English words (a–z only) are reduced to their Porter stem, so "running" finds "runs".
// Each memory keeps the ids of its terms in order, repeats included (`terms`, a list column in
// every tier): the term frequencies and the memory's length in terms are read from that list.

// Script extensions, so the long-vowel mark ー (shared by both kana) counts as kana.
const CJK = String.raw`[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]&&[\p{L}\p{N}]`;
const WORD = new RegExp(String.raw`[${CJK}]|[[\p{L}\p{M}\p{N}]--[${CJK}]]+`, 'gv');
const SINGLE = new RegExp(`^[${CJK}]$`, 'v');

/** The words of a text as written (NFC, lower case), in order. */
export function words(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

/** Whether a word is one Han or kana character (written without spaces around it). */
export const isCjk = (word: string): boolean => SINGLE.test(word);

/** The term a word is indexed under: its English stem for a–z words, else the word. */
export function termOf(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/**
 * A term's id: a 52-bit hash (two FNV-1a variants over its UTF-16 units), an exact integer in a
 * DOUBLE. Two words of one vocabulary share an id with probability ~n²/2⁵³ (1e-4 for a million
 * distinct words), so ids stand for terms in the index.
 */
export function termId(term: string): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 12) * 2 ** 32 + (b >>> 0);
}

/**
 * Ids of the words seen lately: text repeats a small vocabulary, and stemming was a tenth of the
 * main thread's time while ingesting. Bounded (forgotten all at once when full; long words never
 * kept), so hostile text costs time, not memory.
 */
const recentIds = new Map<string, number>();
const RECENT_WORDS = 100_000;
const LONGEST_KEPT = 40;

function wordId(word: string): number {
  const known = recentIds.get(word);
  if (known !== undefined) return known;
  const id = termId(termOf(word));
  if (word.length <= LONGEST_KEPT) {
    if (recentIds.size >= RECENT_WORDS) recentIds.clear();
    recentIds.set(word, id);
  }
  return id;
}

/** The term ids of a text in order (repeats kept): what a memory stores. */
export function termIds(text: string): number[] {
  return words(text).map(wordId);
}
