/** Shell arithmetic `$((...))`: integers, + - * / %, comparisons, && || !, parentheses, variables. */
export class ArithError extends Error {}

export function evalArith(expr: string, lookup: (name: string) => string | undefined): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|<=|>=|==|!=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  if (toks.join('') !== expr.replace(/\s+/g, '')) throw new ArithError(`arithmetic syntax error`);
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  const value = (name: string): number => {
    const v = lookup(name.replace(/^\$/, ''));
    if (v === undefined || v === '') return 0;
    const n = Number.parseInt(v, 10);
    if (Number.isNaN(n)) throw new ArithError(`arithmetic syntax error`);
    return n;
  };
  const primary = (): number => {
    const t = toks[pos++];
    if (t === undefined) throw new ArithError('arithmetic syntax error');
    if (t === '(') {
      const v = or();
      if (toks[pos++] !== ')') throw new ArithError('arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
    if (/^\$?[A-Za-z_]/.test(t)) return value(t);
    throw new ArithError('arithmetic syntax error');
  };
  const mul = (): number => {
    let v = primary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = toks[pos++];
      const r = primary();
      if ((op === '/' || op === '%') && r === 0) throw new ArithError('divide by zero');
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (peek() === '+' || peek() === '-') v = toks[pos++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    for (;;) {
      const op = peek();
      if (op !== '<' && op !== '>' && op !== '<=' && op !== '>=' && op !== '==' && op !== '!=') return v;
      pos++;
      const r = add();
      const res = op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r;
      v = res ? 1 : 0;
    }
  };
  const and = (): number => {
    let v = cmp();
    while (peek() === '&&') {
      pos++;
      const r = cmp();
      v = v !== 0 && r !== 0 ? 1 : 0;
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (peek() === '||') {
      pos++;
      const r = and();
      v = v !== 0 || r !== 0 ? 1 : 0;
    }
    return v;
  };
  if (toks.length === 0) return 0;
  const result = or();
  if (pos !== toks.length) throw new ArithError('arithmetic syntax error');
  return result;
}
