import { describe, expect, it } from 'vitest';
import { missingSections, parseRuleDoc, requiredSections, ruleDocPath } from '../src/ruledoc.js';

const doc = `# some-rule: Map written without its lock

Finds maps written without the mutex
that guards them elsewhere.

Second paragraph.

## Why it matters

Concurrent writes stop the process.

## Bad

\`\`\`go
package p

// ## not a heading inside code
var m = map[string]int{}
\`\`\`

Text between examples.

\`\`\`go
package q
\`\`\`

## Good

\`\`\`\`go
package p

// \`\`\` does not close a four-backtick fence
\`\`\`\`

\`\`\`text
not go
\`\`\`

## Fix

Take the lock.

## Limitations

Some.

## Suppression

\`//mapsafe:ignore some-rule\`
`;

describe('parseRuleDoc', () => {
  const d = parseRuleDoc(doc);

  it('reads id, title and summary', () => {
    expect(d.id).toBe('some-rule');
    expect(d.title).toBe('Map written without its lock');
    expect(d.summary).toBe('Finds maps written without the mutex\nthat guards them elsewhere.\n\nSecond paragraph.');
  });

  it('reads the sections in order, ignoring headings inside code', () => {
    expect([...d.sections.keys()]).toEqual([...requiredSections]);
    expect(d.sections.get('Fix')).toBe('Take the lock.');
    expect(d.sections.get('Bad')).toContain('Text between examples.');
    expect(missingSections(d)).toEqual([]);
  });

  it('collects the go examples of Bad and Good', () => {
    expect(d.badExamples).toEqual([
      'package p\n\n// ## not a heading inside code\nvar m = map[string]int{}\n',
      'package q\n',
    ]);
    expect(d.goodExamples).toEqual(['package p\n\n// ``` does not close a four-backtick fence\n']);
  });

  it('names missing or empty sections', () => {
    const partial = parseRuleDoc('# r: T\n\nS\n\n## Bad\n\n## Fix\n\nx\n');
    expect(missingSections(partial)).toEqual(['Why it matters', 'Bad', 'Good', 'Limitations', 'Suppression']);
  });

  it('accepts CRLF line ends', () => {
    expect(parseRuleDoc(doc.replace(/\n/g, '\r\n')).badExamples).toEqual(d.badExamples);
  });

  it('rejects a bad title line, duplicate sections and unclosed code', () => {
    expect(() => parseRuleDoc('# Not An Id\n')).toThrow(/must start with/);
    expect(() => parseRuleDoc('# r: T\n## Fix\n## Fix\n')).toThrow(/duplicate section/);
    expect(() => parseRuleDoc('# r: T\n## Bad\n```go\npackage p\n')).toThrow(/unclosed/);
  });

  it('refuses ids that are not kebab-case (no path tricks)', () => {
    expect(() => ruleDocPath('../package')).toThrow(/invalid rule id/);
    expect(ruleDocPath('some-rule')).toMatch(/rules[/\\]some-rule\.md$/);
  });
});
