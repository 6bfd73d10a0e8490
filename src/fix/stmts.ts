// What a statement does that decides how (and whether) it can be wrapped in a lock:
// control flow that leaves it, defers, declarations that outlive it, calls, and
// operations that block while holding the lock.
import type { Node } from 'web-tree-sitter';
import { T, walk } from '../syntax.js';

const BUILTINS = new Set(['len', 'cap', 'delete', 'clear', 'make', 'append', 'min', 'max', 'new', 'copy', 'string', 'int', 'int64', 'float64', 'byte', 'rune']);
const SIMPLE = new Set<string>([T.assignment, T.incStatement, T.decStatement, T.exprStatement, T.shortVarDecl]);
const LOOPS = new Set<string>([T.forStatement]);
const BREAKABLE = new Set<string>([T.forStatement, T.exprSwitch, T.typeSwitch, T.selectStatement]);

/** The statement (child of a statement list) that holds a node. */
export function statementOf(node: Node): Node | null {
  for (let n: Node | null = node; n; n = n.parent) {
    if (n.parent?.type === T.statementList) return n;
    if (n.type === T.funcLit || n.type === T.funcDecl || n.type === T.methodDecl) return null;
  }
  return null;
}

export interface StmtFacts {
  /** return, goto, fallthrough, labeled or outer break/continue: control can leave the statements. */
  leaves: boolean;
  /** A defer or recover() outside nested function literals. */
  defers: boolean;
  /** Calls other than builtins (they may panic, block, or take locks). */
  calls: Node[];
  /** Channel operations, select, Wait/Sleep calls: holding a lock across them may deadlock. */
  blocks: boolean;
  /** Lock and Unlock calls (of any mutex). */
  lockCalls: Node[];
  /** Whether a literal run in place (not by `go`) is among the statements. */
  literals: Node[];
  /** Names declared at the top level of the statements. */
  declared: string[];
}

/** Facts of a run of sibling statements. */
export function stmtFacts(stmts: Node[]): StmtFacts {
  const f: StmtFacts = { leaves: false, defers: false, calls: [], blocks: false, lockCalls: [], literals: [], declared: [] };
  for (const s of stmts) {
    if (s.type === T.shortVarDecl || s.type === T.varDecl || s.type === T.constDecl || s.type === T.typeDecl) {
      walk(s, (n) => {
        if (n.type === T.funcLit) return false;
        if ((n.type === T.identifier || n.type === T.typeIdentifier) && isDeclaringName(n)) f.declared.push(n.text);
        return true;
      });
    }
    if (s.type === T.labeledStatement) f.leaves = true;
    scan(s, [], f);
  }
  return f;
}

function isDeclaringName(n: Node): boolean {
  const p = n.parent;
  if (!p) return false;
  if (p.type === T.expressionList && p.parent?.type === T.shortVarDecl) return p.parent.childForFieldName('left')?.id === p.id;
  if (p.type === T.varSpec || p.type === T.constSpec || p.type === T.typeSpec) return p.childForFieldName('name')?.id === n.id;
  return false;
}

function scan(root: Node, outer: string[], f: StmtFacts): void {
  const enclosing = BREAKABLE.has(root.type) ? [...outer, root.type] : outer;
  walk(root, (n) => {
    if (n.id !== root.id && (BREAKABLE.has(n.type))) {
      // Statements inside: break (and continue in loops) stay within.
      const body = [...n.namedChildren].filter((c): c is Node => !!c);
      for (const c of body) scan(c, [...enclosing, n.type], f);
      return false;
    }
    switch (n.type) {
      case T.funcLit: {
        const p = n.parent;
        if (p?.type === T.callExpr && p.parent?.type === T.goStatement) return false;
        f.literals.push(n);
        return false;
      }
      case T.goStatement: {
        // The call's arguments are evaluated here; the body runs elsewhere.
        return true;
      }
      case T.returnStatement: case T.gotoStatement: case T.fallthroughStatement:
        f.leaves = true; break;
      case T.breakStatement:
        if (n.namedChildCount > 0 || enclosing.length === 0) f.leaves = true; break;
      case T.continueStatement:
        if (n.namedChildCount > 0 || !enclosing.some((e) => LOOPS.has(e))) f.leaves = true; break;
      case T.deferStatement: f.defers = true; break;
      case T.sendStatement: case T.selectStatement: f.blocks = true; break;
      case T.unaryExpr: if (n.text.startsWith('<-')) f.blocks = true; break;
      case T.callExpr: {
        const fn = n.childForFieldName('function');
        const name = fn?.type === T.identifier ? fn.text : fn?.type === T.selectorExpr ? fn.childForFieldName('field')?.text ?? '' : '';
        if (fn?.type === T.identifier && name === 'recover') f.defers = true;
        if (fn?.type === T.identifier && BUILTINS.has(name)) break;
        if (/^(Wait|Sleep|Do|Go)$/.test(name)) f.blocks = true;
        if (/^(Lock|RLock|Unlock|RUnlock|TryLock|TryRLock)$/.test(name)) f.lockCalls.push(n);
        if (n.parent?.type !== T.goStatement) f.calls.push(n);
        break;
      }
    }
    return true;
  });
}

/** Whether a statement is simple: an assignment, ++/--, an expression or a short declaration. */
export function isSimple(s: Node): boolean {
  return SIMPLE.has(s.type);
}

/** Whether any of `names` is mentioned in `text` (as a whole word). */
export function mentions(text: string, names: string[]): boolean {
  return names.some((n) => new RegExp(`(^|[^\\w.])${n.replace(/[$]/g, '\\$&')}\\b`).test(text));
}
