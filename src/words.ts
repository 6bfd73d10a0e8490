// Which bodies mention which names, the way the regular expression `\bname\b` finds a name
// in text (comments and strings included): the concurrency engine looks for the callers of
// a function so, and src/relevance.ts keeps those bodies in the parse by the same test.
// The bodies' ASCII word runs are indexed once, for the names that can be asked, instead
// of one search of every body per round of names asked (a call chain n deep takes n rounds).

/** A body: `text` from `from` to `to` (inclusive). */
export interface Span<T> { item: T; text: string; from: number; to: number }

export class Mentions<T> {
  private index: Map<string, T[]> | null = null;
  private spans: ReadonlyArray<Span<T>> | null = null;

  /** `spans` lists the bodies (asked for at the first question); `names`, the names that can be asked. */
  constructor(private readonly list: () => ReadonlyArray<Span<T>>, private readonly names: () => ReadonlySet<string>) {}

  /** The items whose body mentions one of `names`. */
  of(names: readonly string[]): Set<T> {
    const spans = (this.spans ??= this.list());
    const index = (this.index ??= indexWords(spans, this.names()));
    const out = new Set<T>();
    for (const n of names) for (const x of index.get(n) ?? []) out.add(x);
    // `\b` is ASCII: a name with other characters is looked for with the expression itself.
    const other = names.filter((n) => !/^[A-Za-z0-9_]+$/.test(n));
    if (other.length > 0) {
      const re = new RegExp(`\\b(?:${other.join('|')})\\b`, 'g');
      // The first match at or after a span's start. Spans of one text (a file's bodies) come
      // in order, so a match found past one span's end answers the next spans too, and the
      // text is searched about once, not once from each body to its end.
      let searched: string | null = null;
      let searchedFrom = 0;
      let m: RegExpExecArray | null = null;
      for (const { item, text, from, to } of spans) {
        if (text !== searched || from < searchedFrom || (m !== null && m.index < from)) {
          re.lastIndex = from;
          m = re.exec(text);
          searched = text;
          searchedFrom = from;
        }
        if (m && m.index + m[0].length <= to + 1) out.add(item);
      }
    }
    return out;
  }
}

/** For each of `names`, the items whose span holds it as a maximal run of ASCII letters, digits and `_`. */
function indexWords<T>(spans: ReadonlyArray<Span<T>>, names: ReadonlySet<string>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  // Every word of every body is looked at, and few are names that can be asked: each run is
  // hashed as it is scanned and compared in place with the names of that hash, so that no
  // string is made for the others (a regular expression's match made one for each).
  const byHash = new Map<number, string[]>();
  for (const n of names) {
    const h = hashOf(n);
    const list = byHash.get(h);
    if (!list) byHash.set(h, [n]);
    else list.push(n);
  }
  for (const { item, text, from, to } of spans) {
    let i = from;
    const end = text.length;
    while (i <= to && i < end) {
      if (!isWordChar(text.charCodeAt(i))) { i++; continue; }
      // A run that starts at or before `to` counts whole, as the expression's match would.
      const start = i;
      let h = FNV_OFFSET;
      for (let c = text.charCodeAt(i); i < end && isWordChar(c); c = text.charCodeAt(++i)) h = Math.imul(h ^ c, FNV_PRIME);
      const candidates = byHash.get(h);
      if (!candidates) continue;
      for (const name of candidates) {
        if (name.length !== i - start || !text.startsWith(name, start)) continue;
        const list = index.get(name);
        if (!list) index.set(name, [item]);
        else if (list[list.length - 1] !== item) list.push(item);
      }
    }
  }
  return index;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/** The hash the scan computes for a word run, for a whole name. */
function hashOf(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** `[A-Za-z0-9_]`. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
