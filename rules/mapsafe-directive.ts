// mapsafe-directive: a //mapsafe:ignore or //mapsafe:file-ignore directive without a rule
// list or without a reason. The suppression stage (src/suppress.ts) reports, under the
// same id, directives that name unknown rules or suppress nothing.
import { directiveProblem, directiveRuleId, parseDirectives } from '../src/suppress.js';
import type { Rule } from '../src/rule.js';
import { DIRECTIVE_TRIGGER } from '../src/triggers.js';

export const mapsafeDirective: Rule = {
  id: directiveRuleId,
  title: 'Malformed or unused suppression directive',
  severity: 'warning',
  precision: 'very-high',
  tags: ['suppression', 'maintainability'],
  // Reads the directives' text and no function body. Its findings are where a directive
  // is (analyzeDirectory does not assume the trigger was tested).
  triggers: DIRECTIVE_TRIGGER,
  bodies: 'none',
  outsideBodies: DIRECTIVE_TRIGGER,
  run(ctx) {
    for (const file of ctx.pkg.files) {
      for (const d of parseDirectives(file.text)) {
        const problem = directiveProblem(d);
        if (problem !== undefined) ctx.report({ node: file.root, range: d.range, message: problem });
      }
    }
  },
};
