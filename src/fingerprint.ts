// GitHub code scanning's `primaryLocationLineHash`: the value the upload-sarif action
// computes when a result lacks one (codeql-action, src/fingerprints.ts), so that alerts
// keep their identity when lines move. A rolling hash (base 37, 64-bit wrap-around) over
// the next 100 characters from the start of each line, where spaces and tabs are
// skipped, "\r\n" and "\r" count as "\n", the end of the file is marked by 65535 and
// followed by zeros. Equal hashes of several lines get ":1", ":2", ... in line order.
// Characters are UTF-16 code units of the file decoded as UTF-8 (what the action reads).

const BLOCK = 100;
const MOD = 37n;
const MASK = (1n << 64n) - 1n;
const EOF = 65535;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

/** MOD^BLOCK mod 2^64. */
const FIRST_MOD = (() => {
  let m = 1n;
  for (let i = 0; i < BLOCK; i++) m = (m * MOD) & MASK;
  return m;
})();

/**
 * The line hash of every line of `text`, index 0 for line 1. A text ending in a line
 * break has one more (empty) line, as in the action.
 */
export function lineHashes(text: string): string[] {
  const window = new Array<number>(BLOCK).fill(0);
  const lineAt = new Array<number>(BLOCK).fill(-1);
  const out: string[] = [];
  const counts = new Map<string, number>();
  let hash = 0n;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = () => {
    const value = hash.toString(16);
    const n = (counts.get(value) ?? 0) + 1;
    counts.set(value, n);
    out[lineAt[index]! - 1] = `${value}:${n}`;
    lineAt[index] = -1;
  };
  const update = (c: number) => {
    const begin = window[index]!;
    window[index] = c;
    hash = (MOD * hash + BigInt(c) - FIRST_MOD * BigInt(begin)) & MASK;
    index = (index + 1) % BLOCK;
  };
  const take = (code: number) => {
    let c = code;
    if (c === SPACE || c === TAB || (prevCR && c === LF)) {
      prevCR = false;
      return;
    }
    if (c === CR) {
      c = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (c === LF) lineStart = true;
    update(c);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(EOF);
  for (let i = 0; i < BLOCK; i++) {
    if (lineAt[index] !== -1) emit();
    update(0);
  }
  return out;
}

/** The hash of 1-based `line`, or undefined past the end of the text. */
export function primaryLocationLineHash(text: string, line: number): string | undefined {
  return lineHashes(text)[line - 1];
}

/** Memoises lineHashes per file for one report. */
export class LineHasher {
  private readonly cache = new Map<string, string[] | undefined>();
  constructor(private readonly source: (file: string) => string | undefined) {}

  hash(file: string, line: number): string | undefined {
    if (!this.cache.has(file)) {
      const text = this.source(file);
      this.cache.set(file, text === undefined ? undefined : lineHashes(text));
    }
    return this.cache.get(file)?.[line - 1];
  }
}
