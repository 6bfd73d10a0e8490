// The registry: every rule, sorted by id. Adding a rule is one line here.
import type { Rule } from '../src/rule.js';
import { cgoHmapOffset } from './cgo-hmap-offset.js';
import { mapWriteUnderRlock } from './map-write-under-rlock.js';
import { mapsafeDirective } from './mapsafe-directive.js';
import { rangeInDefer } from './range-in-defer.js';
import { unguardedMapRead } from './unguarded-map-read.js';
import { unguardedMapWrite } from './unguarded-map-write.js';
import { unsafeMapCast } from './unsafe-map-cast.js';

export const allRules: readonly Rule[] = [
  cgoHmapOffset,
  mapWriteUnderRlock,
  mapsafeDirective,
  rangeInDefer,
  unguardedMapRead,
  unguardedMapWrite,
  unsafeMapCast,
].sort((a: Rule, b: Rule) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
