/**
 * The label selector string parser of k8s.io/apimachinery/pkg/labels: its lexer, its
 * grammar and its error texts (`unable to parse requirement: ...`, `found ',', expected: ...`).
 */
import { fieldErrors } from './fieldErrors';
import { isQualifiedName } from './names';
import { newRequirement, Selector, SelectorError, type LabelOperator, type Requirement } from './selectors';

type Tok = 'ident' | 'end' | 'cpar' | 'opar' | 'comma' | '!' | '=' | '==' | '!=' | '>' | '<' | 'in' | 'notin' | 'error';
interface Item {
  tok: Tok;
  lit: string;
}

const SPECIAL_TOKENS: Record<string, Tok> = { ')': 'cpar', ',': 'comma', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': 'opar' };
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i] as string)) i++;
    if (i >= s.length || s[i] === '\0') {
      items.push({ tok: 'end', lit: '' });
      return items;
    }
    if (isSpecial(s[i] as string)) {
      // Longest run of symbols that is still a token ('!=' over '!').
      let buf = '';
      let last: Item | undefined;
      while (i < s.length && isSpecial(s[i] as string)) {
        const next = buf + s[i];
        const tok = SPECIAL_TOKENS[next];
        if (tok) {
          last = { tok, lit: next };
          buf = next;
          i++;
        } else if (last) break;
        else {
          buf = next;
          i++;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (i < s.length && !isSpecial(s[i] as string) && !isSpace(s[i] as string)) buf += s[i++];
    items.push({ tok: buf === 'in' ? 'in' : buf === 'notin' ? 'notin' : 'ident', lit: buf });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In value context the keywords 'in' and 'notin' are plain identifiers. */
  private look(values: boolean): Item {
    const it = this.items[this.pos] as Item;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'ident', lit: it.lit } : it;
  }

  private take(values: boolean): Item {
    const it = this.look(values);
    if (this.pos < this.items.length - 1) this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === 'end') return reqs;
      if (tok !== 'ident' && tok !== '!') throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new SelectorError(`unable to parse requirement: ${(e as Error).message}`);
      }
      const t = this.take(true);
      if (t.tok === 'end') return reqs;
      if (t.tok !== 'comma') throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
      const n = this.look(true);
      if (n.tok !== 'ident' && n.tok !== '!') throw new SelectorError(`found '${n.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let op: LabelOperator | undefined;
    let t = this.take(true);
    if (t.tok === '!') {
      op = '!';
      t = this.take(true);
    }
    if (t.tok !== 'ident') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    // The parser has no field path, and a nil field.Path prints as <nil>.
    if (keyErrs.length) throw new Error(fieldErrors.invalid('<nil>', key, keyErrs.join('; ')).message);
    const next = this.look(true).tok;
    if (next === 'end' || next === 'comma') return newRequirement(key, op ?? 'exists', []);
    if (op === '!') return newRequirement(key, '!', []);
    const o = this.take(false);
    const ops: Partial<Record<Tok, LabelOperator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    const operator = ops[o.tok];
    if (!operator) throw new Error(`found '${o.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    const values = operator === 'in' || operator === 'notin' ? this.valueSet() : this.exactValue();
    return newRequirement(key, operator, values);
  }

  private valueSet(): string[] {
    const open = this.take(true);
    if (open.tok !== 'opar') throw new Error(`found '${open.lit}' expected: '('`);
    const first = this.look(true);
    if (first.tok === 'cpar') {
      this.take(true);
      return [''];
    }
    if (first.tok !== 'ident' && first.tok !== 'comma') throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = this.identifiers();
    const close = this.take(true);
    if (close.tok !== 'cpar') throw new Error(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  }

  private identifiers(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const t = this.take(true);
      if (t.tok === 'ident') {
        s.add(t.lit);
        const n = this.look(true);
        if (n.tok === 'comma') continue;
        if (n.tok === 'cpar') return s;
        throw new Error(`found '${n.lit}', expected: ',' or ')'`);
      } else if (t.tok === 'comma') {
        if (s.size === 0) s.add('');
        const n = this.look(true);
        if (n.tok === 'cpar') {
          s.add('');
          return s;
        }
        if (n.tok === 'comma') {
          this.take(true);
          s.add('');
        }
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): string[] {
    const n = this.look(true);
    if (n.tok === 'end' || n.tok === 'comma') return [''];
    const t = this.take(true);
    if (t.tok === 'ident') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

/** labels.Parse: `app=nginx,tier in (web,api),!canary`; '' selects everything. */
export function parseLabelSelector(selector: string): Selector {
  return Selector.of(new Parser(lex(selector)).parse());
}
