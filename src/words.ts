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
      for (const { item, text, from, to } of spans) {
        re.lastIndex = from;
        const m = re.exec(text);
        if (m && m.index + m[0].length <= to + 1) out.add(item);
      }
    }
    return out;
  }
}

/** For each of `names`, the items whose span holds it as a maximal run of ASCII letters, digits and `_`. */
function indexWords<T>(spans: ReadonlyArray<Span<T>>, names: ReadonlySet<string>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const word = /[A-Za-z0-9_]+/g;
  for (const { item, text, from, to } of spans) {
    word.lastIndex = from;
    for (let m = word.exec(text); m && m.index <= to; m = word.exec(text)) {
      if (!names.has(m[0])) continue;
      const list = index.get(m[0]);
      if (!list) index.set(m[0], [item]);
      else if (list[list.length - 1] !== item) list.push(item);
    }
  }
  return index;
}
