// Which bodies mention which names, the way the regular expression `\bname\b` finds a name
// in text (comments and strings included): the concurrency engine looks for the callers of
// a function so, and src/relevance.ts keeps those bodies in the parse by the same test.
// One pass over the bodies' text instead of one search per round of names asked.

/** Whether `\bname\b` matches exactly the maximal ASCII word runs equal to `name`. */
export function indexableName(name: string): boolean {
  return /^[A-Za-z0-9_]+$/.test(name);
}

/**
 * For each of `names`, the items whose text span `[from, to]` of `text` holds it as a whole
 * ASCII word (a maximal run of letters, digits and `_`), each item once per name, in the
 * order given.
 */
export function indexWords<T>(items: Iterable<{ item: T; text: string; from: number; to: number }>, names: ReadonlySet<string>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const word = /[A-Za-z0-9_]+/g;
  for (const { item, text, from, to } of items) {
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
