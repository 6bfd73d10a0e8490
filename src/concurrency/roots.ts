// Goroutine roots: the places where code starts running in a goroutine of its own
// (go statements, errgroup/WaitGroup.Go, time.AfterFunc, context.AfterFunc, HTTP handlers, parallel
// subtests and parallel tests), and the callbacks that are not roots (sync.Once.Do,
// which runs its function once before any Do returns).
import type { Node } from 'web-tree-sitter';
import type { TypeOracle } from '../types.js';
import { T, field, fields, namedChildrenNoComments, unparen } from '../syntax.js';

export type RootKind = 'go' | 'errgroup' | 'waitgroup' | 'afterfunc' | 'context-afterfunc' | 'handler' | 'subtest' | 'parallel-test';

/** How a function passed as an argument to `call` will run. */
export type CallbackUse = { root: RootKind } | { once: true } | { sync: true };

const HANDLER_REGISTRATIONS = new Set(['HandleFunc', 'Handle', 'HandlerFunc']);

export class RootClassifier {
  constructor(private readonly oracle: TypeOracle) {}

  /** How `fn` (a literal or a same-package function), passed to `call`, runs. */
  callbackUse(call: Node, fn: Node, parallel: boolean): CallbackUse {
    const f = field(call, 'function');
    const callee = f ? unparen(f) : null;
    if (callee?.type === T.selectorExpr) {
      const name = field(callee, 'field')?.text ?? '';
      const op = field(callee, 'operand')!;
      const pkgPath = this.importPath(op);
      const recvType = pkgPath ? null : this.namedOf(op);
      if ((name === 'Go' || name === 'TryGo') && recvType && /(^|\/)errgroup$/.test(recvType.pkg) && recvType.name === 'Group') return { root: 'errgroup' };
      if (name === 'Go' && recvType?.pkg === 'sync' && recvType.name === 'WaitGroup') return { root: 'waitgroup' };
      if (name === 'Do' && recvType?.pkg === 'sync' && recvType.name === 'Once') return { once: true };
      if (pkgPath === 'time' && name === 'AfterFunc') return { root: 'afterfunc' };
      // context.AfterFunc(ctx, f) runs f in a goroutine of its own once ctx is done.
      if (pkgPath === 'context' && name === 'AfterFunc') return { root: 'context-afterfunc' };
      if (HANDLER_REGISTRATIONS.has(name) && (pkgPath === 'net/http' || (recvType?.pkg === 'net/http' && recvType.name === 'ServeMux'))) return { root: 'handler' };
      if (name === 'Run' && parallel && this.isTesting(op)) return { root: 'subtest' };
    }
    if (this.isHandlerSignature(fn)) return { root: 'handler' };
    return { sync: true };
  }

  /** Whether a function has the (http.ResponseWriter, *http.Request) signature. */
  isHandlerSignature(fn: Node): boolean {
    const list = field(fn, 'parameters');
    if (!list) return false;
    const types: Node[] = [];
    for (const p of namedChildrenNoComments(list)) {
      const t = field(p, 'type');
      if (!t) return false;
      for (let i = 0; i < Math.max(1, fields(p, 'name').length); i++) types.push(t);
    }
    if (types.length !== 2) return false;
    const a = this.oracle.typeFromNode(types[0]!);
    const b = this.oracle.typeFromNode(types[1]!);
    return a.kind === 'named' && a.pkgPath === 'net/http' && a.name === 'ResponseWriter'
      && b.kind === 'pointer' && b.elem.kind === 'named' && b.elem.pkgPath === 'net/http' && b.elem.name === 'Request';
  }

  /** A `ServeHTTP(w, r)` method: every request runs it in a goroutine of its own. */
  isServeHTTP(fn: Node): boolean {
    return fn.type === T.methodDecl && field(fn, 'name')?.text === 'ServeHTTP' && this.isHandlerSignature(fn);
  }

  /** A top-level TestXxx(t *testing.T). */
  isTestFunc(fn: Node): boolean {
    if (fn.type !== T.funcDecl) return false;
    const name = field(fn, 'name')?.text ?? '';
    return /^Test([A-Z0-9_]|$)/.test(name);
  }

  private isTesting(op: Node): boolean {
    const t = this.namedOf(op);
    return !!t && t.pkg === 'testing';
  }

  private namedOf(e: Node): { pkg: string; name: string } | null {
    let t = this.oracle.typeOf(e);
    if (t.kind === 'pointer') t = t.elem;
    return t.kind === 'named' && t.pkgPath ? { pkg: t.pkgPath, name: t.name } : null;
  }

  private importPath(n: Node): string | null {
    if (n.type !== T.identifier) return null;
    const d = this.oracle.resolver.resolve(n);
    return d?.kind === 'import' ? d.importSpec?.path ?? null : null;
  }
}
