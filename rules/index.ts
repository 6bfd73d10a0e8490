// The registry: every rule, sorted by id. Adding a rule is one line here.
import type { Rule } from '../src/rule.js';

export const allRules: readonly Rule[] = [
].sort((a: Rule, b: Rule) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
