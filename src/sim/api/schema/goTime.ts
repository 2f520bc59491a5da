/**
 * Go's time.Parse for the two layouts metav1 timestamps use, returning Go's error text
 * (time.ParseError) or undefined: metav1.Time uses RFC3339, metav1.MicroTime RFC3339Micro.
 */
import { goQuote } from '../gofmt';

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

type Elem = { lit: string } | { std: '2006' | '01' | '02' | '15' | '04' | '05' | '.000000' | 'Z07:00' };

const ELEMS: Record<string, readonly Elem[]> = {
  [RFC3339]: [
    { std: '2006' }, { lit: '-' }, { std: '01' }, { lit: '-' }, { std: '02' }, { lit: 'T' },
    { std: '15' }, { lit: ':' }, { std: '04' }, { lit: ':' }, { std: '05' }, { std: 'Z07:00' },
  ],
  [RFC3339_MICRO]: [
    { std: '2006' }, { lit: '-' }, { std: '01' }, { lit: '-' }, { std: '02' }, { lit: 'T' },
    { std: '15' }, { lit: ':' }, { std: '04' }, { lit: ':' }, { std: '05' }, { std: '.000000' }, { std: 'Z07:00' },
  ],
};

const digits = (s: string): boolean => /^\d+$/.test(s);

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** time.Parse(layout, value) error text, or undefined when value parses. */
export function goTimeParseError(layout: typeof RFC3339 | typeof RFC3339_MICRO, value: string): string | undefined {
  const elems = ELEMS[layout] ?? [];
  const cannot = (rest: string, elem: string): string =>
    `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
  const outOfRange = (what: string): string => `parsing time ${goQuote(value)}: ${what} out of range`;
  let rest = value;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let i = 0; i < elems.length; i++) {
    const e = elems[i] as Elem;
    if ('lit' in e) {
      if (!rest.startsWith(e.lit)) return cannot(rest, e.lit);
      rest = rest.slice(e.lit.length);
      continue;
    }
    const std = e.std;
    if (std === '2006') {
      const p = rest.slice(0, 4);
      if (rest.length < 4 || !digits(p)) return cannot(rest, std);
      year = Number(p);
      rest = rest.slice(4);
    } else if (std === '15') {
      // Hours take one or two digits; the rest take exactly two.
      const m = /^\d\d?/.exec(rest);
      if (!m) return cannot(rest, std);
      rest = rest.slice(m[0].length);
      if (Number(m[0]) >= 24) return outOfRange('hour');
    } else if (std === '01' || std === '02' || std === '04' || std === '05') {
      const p = rest.slice(0, 2);
      if (!digits(p) || p.length < 2) return cannot(rest, std);
      const n = Number(p);
      rest = rest.slice(2);
      if (std === '01') {
        if (n < 1 || n > 12) return outOfRange('month');
        month = n;
      } else if (std === '02') day = n;
      else if (n > 59) return outOfRange(std === '04' ? 'minute' : 'second');
      const next = elems[i + 1];
      if (std === '05' && !(next && 'std' in next && next.std === '.000000')) {
        // A fraction after the seconds is accepted even though the layout has none.
        const frac = /^[.,]\d+/.exec(rest);
        if (frac) rest = rest.slice(frac[0].length);
      }
    } else if (std === '.000000') {
      if (!/^[.,]\d{6}/.test(rest)) return cannot(rest, std);
      rest = rest.slice(7);
    } else {
      if (rest.startsWith('Z')) rest = rest.slice(1);
      else if (/^[+-]\d\d:\d\d/.test(rest)) rest = rest.slice(6);
      else return cannot(rest, std);
    }
  }
  if (rest.length > 0) return `parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}
