// Reporters: pure functions from scan results to the text written to stdout or --output.
// Positions leave the tool here: 1-based lines and 1-based columns in UTF-16 code units,
// paths relative to the working directory with forward slashes.
import { renderCheckstyle } from './checkstyle.js';
import type { ReportInput } from './common.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { renderText } from './text.js';

export { filesWithEdits, type ReportInput } from './common.js';
export { formatNotification } from './text.js';
export { jsonSchemaVersion } from './json.js';
export { artifactLocation, type SarifOptions, type SarifRuleInfo } from './sarif.js';

export const formats = ['text', 'json', 'checkstyle', 'sarif', 'github'] as const;
export type Format = (typeof formats)[number];

/** `sarif` options: the rules that ran, %SRCROOT%, category... (defaults: no rules, cwd). */
export function render(format: Format, input: ReportInput, sarif?: SarifOptions): string {
  switch (format) {
    case 'json':
      return renderJson(input);
    case 'text':
      return renderText(input);
    case 'checkstyle':
      return renderCheckstyle(input);
    case 'sarif':
      return renderSarif(input, sarif ?? { rules: [], srcRoot: input.cwd });
    case 'github':
      return renderGithub(input);
  }
}
