// What the lockset walk records about one function body: map accesses, calls,
// function literals, go statements, defers, channel operations and waits, each with
// the lock state at that point (relative to the function's entry).
import type { Node } from 'web-tree-sitter';
import type { TypeOracle } from '../types.js';
import type { AccessKind } from './accesses.js';
import type { Identities } from './identity.js';
import type { LockState } from './lockstate.js';

export interface WalkEnv {
  oracle: TypeOracle;
  ids: Identities;
  /** The same-package function (declaration or literal) a function-valued expression denotes. */
  target(fnExpr: Node, full?: boolean): Node | null;
  /** Lock effect of calling a same-package function (null when unknown or in progress). */
  effect(fn: Node): LockState | null;
}

export interface Point { at: LockState; pos: number; loops: number[] }
export interface AccessRec extends Point { kind: AccessKind; map: Node }
export interface CallRec extends Point { call: Node; callee: Node; /** Set when the function is passed as a value to this call. */ via: Node | null }
export interface LitRec extends Point { lit: Node; how: 'call' | 'go' | 'defer' | 'arg' | 'value'; call: Node | null; deferIndex: number }
export interface GoRec extends Point { stmt: Node; call: Node; target: Node | null }
export interface DeferRec { index: number; kind: 'unlock' | 'fn' | 'other'; id?: string; fn?: Node; call: Node }
/** A map access made by a deferred call itself (`defer fmt.Println(m)` formats m when it runs). */
export interface DeferredAccess { kind: AccessKind; map: Node; index: number; loops: number[] }
export interface ChanRec extends Point { kind: 'recv' | 'send' | 'close' | 'rangeDone'; chan: Node; value: Node | null }
export interface WaitRec extends Point { recv: Node; call: Node }

/** `if !hasLock { mu.Lock() }`: the parameter at `index` decides whether lock `id` is taken (when it equals `lockWhen`). */
export interface FlagLock { index: number; lockWhen: boolean; ids: string[] }

export interface FnFacts {
  node: Node;
  accesses: AccessRec[];
  calls: CallRec[];
  lits: LitRec[];
  gos: GoRec[];
  defers: DeferRec[];
  deferredAccesses: DeferredAccess[];
  chans: ChanRec[];
  waits: WaitRec[];
  returns: Node[][];
  /** Lock state when the body finishes, before deferred calls run. */
  exitRaw: LockState;
  /** Lock state seen by callers (deferred unlocks applied). */
  exit: LockState;
  /** Whether the body calls t.Parallel(). */
  parallel: boolean;
  /** Calls that start serving HTTP (ListenAndServe, Serve, httptest.NewServer, ...): where handlers begin to run. */
  serves: Point[];
  /** Locks or not depending on a parameter: an `if` on a parameter takes or releases a lock. */
  flagLock: FlagLock | null;
  /** Calls of function-typed parameters (callbacks), with the lock state there. */
  paramCalls: Array<{ index: number; at: LockState }>;
}
