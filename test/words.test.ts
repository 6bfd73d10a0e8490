// The word index behind the callers search (src/words.ts) must answer as the plain
// regular-expression scan it replaces does, on any text.
import { describe, expect, it } from 'vitest';
import { Mentions, type Span } from '../src/words.js';

/** The scan the index stands for: each run of `[A-Za-z0-9_]` matched from `from`, starting at or before `to`. */
function reference(spans: ReadonlyArray<Span<number>>, names: readonly string[]): Set<number> {
  const out = new Set<number>();
  const asked = new Set(names);
  for (const { item, text, from, to } of spans) {
    const word = /[A-Za-z0-9_]+/g;
    word.lastIndex = from;
    for (let m = word.exec(text); m && m.index <= to; m = word.exec(text)) if (asked.has(m[0])) out.add(item);
  }
  for (const { item, text, from, to } of spans) {
    const other = names.filter((n) => !/^[A-Za-z0-9_]+$/.test(n));
    if (other.length === 0) continue;
    const re = new RegExp(`\\b(?:${other.join('|')})\\b`, 'g');
    re.lastIndex = from;
    const m = re.exec(text);
    if (m && m.index + m[0].length <= to + 1) out.add(item);
  }
  return out;
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Mentions', () => {
  it('finds the bodies that mention a name as a whole word, as the regular expression does', () => {
    const m = new Mentions<number>(
      () => [
        { item: 0, text: 'func a() { run(x) }', from: 9, to: 18 },
        { item: 1, text: 'func b() { rerun(x); run_x() }', from: 9, to: 29 },
        { item: 2, text: 'run() // run', from: 4, to: 11 },
        { item: 3, text: 'xx runner', from: 0, to: 3 },
      ],
      () => new Set(['run', 'runner']),
    );
    expect([...m.of(['run'])].sort()).toEqual([0, 2]);
    // A word that starts inside the span counts whole, even where it runs past the span's end.
    expect([...m.of(['runner'])]).toEqual([3]);
    expect([...m.of(['rerun'])]).toEqual([]);
  });

  it('agrees with the regular expression on names with other letters, for spans that share a text', () => {
    const next = rng(11);
    const alphabet = ['a', 'é', 'b', ' ', '_', 'aé', 'éa', '\n'];
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = 1 + Math.floor(next() * 60);
      for (let i = 0; i < len; i++) text += pick(alphabet);
      // A file's bodies: spans of one text in order, some overlapping as nested ones do not, some not.
      const spans: Array<Span<number>> = [];
      let at = 0;
      for (let item = 0; item < 5 && at < text.length; item++) {
        const from = at + Math.floor(next() * 4);
        if (from >= text.length) break;
        const to = Math.min(text.length - 1, from + Math.floor(next() * 12));
        spans.push({ item, text, from, to });
        at = next() < 0.2 ? from : to + 1;
      }
      const names = ['aé', 'éa', 'é', 'bé'].filter(() => next() < 0.5);
      const m = new Mentions<number>(() => spans, () => new Set(names));
      expect([...m.of(names)].sort(), JSON.stringify({ spans, names })).toEqual([...reference(spans, names)].sort());
    }
  });

  it('agrees with the regular expression on random text', () => {
    const next = rng(7);
    const alphabet = ['a', 'b', 'c', '_', '1', 'Z', ' ', '.', '(', '\n', 'é', 'ab', 'abc'];
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
    for (let round = 0; round < 300; round++) {
      const spans: Array<Span<number>> = [];
      for (let item = 0; item < 6; item++) {
        let text = '';
        const len = 1 + Math.floor(next() * 40);
        for (let i = 0; i < len; i++) text += pick(alphabet);
        const from = Math.floor(next() * text.length);
        const to = Math.min(text.length - 1, from + Math.floor(next() * text.length));
        spans.push({ item, text, from, to });
      }
      const words = new Set<string>();
      for (const { text } of spans) for (const w of text.match(/[A-Za-z0-9_]+/g) ?? []) words.add(w);
      const names = [...words].filter(() => next() < 0.5);
      if (next() < 0.2) names.push('ab1');
      const m = new Mentions<number>(() => spans, () => new Set(names));
      for (let q = 0; q < 3; q++) {
        const asked = names.filter(() => next() < 0.4);
        expect([...m.of(asked)].sort(), JSON.stringify({ spans, asked })).toEqual([...reference(spans, asked)].sort());
      }
    }
  });
});
