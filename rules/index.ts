// The registry: every rule, sorted by id. Adding a rule is one line here.
import type { Rule } from '../src/rule.js';
import { mapWriteUnderRlock } from './map-write-under-rlock.js';
import { rangeInDefer } from './range-in-defer.js';
import { unguardedMapRead } from './unguarded-map-read.js';
import { unguardedMapWrite } from './unguarded-map-write.js';

export const allRules: readonly Rule[] = [
  mapWriteUnderRlock,
  rangeInDefer,
  unguardedMapRead,
  unguardedMapWrite,
].sort((a: Rule, b: Rule) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
