/**
 * Before/after metrics: units, conversion, and the improvement phrase, which is always
 * computed and never typed ("P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)").
 *
 * Model: a Metric holds two plain numbers in ONE unit (`unit`, the unit the numbers are in).
 * Mixed input ("2.5 s" before, "180 ms" after) is converted on the way in
 * (`normaliseQuantities`, `metricInput`); on the way out each side is shown in its own nice
 * unit (`humanise`: 2500 ms → "2.5 s", 180 ms → "180 ms").
 *
 * Units understood (anything else is a count noun: "errors", "orders", "deploys"):
 * - time: ns, µs (us, μs), ms, s, min (m), h, d, wk, mo (30.4375 d), yr (365.25 d);
 * - data: B, KB, MB, GB, TB, PB are binary (1 KB = 1024 B, as memory and file tools
 *   mean them; "1536 MB" is "1.5 GB"), and so are KiB…PiB; bits are decimal
 *   (kbit, Mbit…, and rates kbps, Mbps, Gbps; 1 Mbit = 10⁶ bit = 125,000 B);
 * - rates: a count, data or currency per time, written "req/s", "ops/sec", "/min",
 *   "per second", "events per hour", "MB/s", "$/mo", or the shorthands rps, rpm, rph,
 *   qps, tps, bps…Gbps;
 * - percent (%, percent, pct) and currencies ($ € £ ¥ ₹ as prefixes, ISO codes as suffixes).
 *   A number with no unit is a plain count.
 */
import type { Metric, MetricDirection } from './types';

// ---------------------------------------------------------------------------
// Unit tables
// ---------------------------------------------------------------------------

interface ScaleDef {
  symbol: string;
  /** Size in the family's base unit (seconds; bytes). */
  factor: number;
  aliases: string[];
  /** Part of the family's humanising ladder (time past days is not). */
  ladder: boolean;
  /** Humanise picks this unit only when the value is at least this much of it. */
  min?: number;
}

const TIME: ScaleDef[] = [
  { symbol: 'ns', factor: 1e-9, aliases: ['ns', 'nsec', 'nanosecond', 'nanoseconds'], ladder: true },
  {
    symbol: 'µs',
    factor: 1e-6,
    aliases: ['µs', 'μs', 'us', 'usec', 'microsecond', 'microseconds'],
    ladder: true,
  },
  {
    symbol: 'ms',
    factor: 1e-3,
    aliases: ['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'],
    ladder: true,
  },
  { symbol: 's', factor: 1, aliases: ['s', 'sec', 'secs', 'second', 'seconds'], ladder: true },
  { symbol: 'min', factor: 60, aliases: ['min', 'mins', 'minute', 'minutes', 'm'], ladder: true },
  { symbol: 'h', factor: 3600, aliases: ['h', 'hr', 'hrs', 'hour', 'hours'], ladder: true },
  { symbol: 'd', factor: 86400, aliases: ['d', 'day', 'days'], ladder: true, min: 2 },
  { symbol: 'wk', factor: 604800, aliases: ['wk', 'wks', 'week', 'weeks', 'w'], ladder: false },
  { symbol: 'mo', factor: 2629800, aliases: ['mo', 'mos', 'month', 'months'], ladder: false },
  { symbol: 'yr', factor: 31557600, aliases: ['yr', 'yrs', 'year', 'years', 'y'], ladder: false },
];

const KIB = 1024;
const BYTES: ScaleDef[] = [
  { symbol: 'B', factor: 1, aliases: ['b', 'byte', 'bytes'], ladder: true },
  { symbol: 'KB', factor: KIB, aliases: ['kb', 'kbyte', 'kbytes', 'kilobyte', 'kilobytes'], ladder: true },
  {
    symbol: 'MB',
    factor: KIB ** 2,
    aliases: ['mb', 'mbyte', 'mbytes', 'megabyte', 'megabytes'],
    ladder: true,
  },
  {
    symbol: 'GB',
    factor: KIB ** 3,
    aliases: ['gb', 'gbyte', 'gbytes', 'gigabyte', 'gigabytes'],
    ladder: true,
  },
  { symbol: 'TB', factor: KIB ** 4, aliases: ['tb', 'terabyte', 'terabytes'], ladder: true },
  { symbol: 'PB', factor: KIB ** 5, aliases: ['pb', 'petabyte', 'petabytes'], ladder: true },
];
const IEC: ScaleDef[] = [
  { symbol: 'KiB', factor: KIB, aliases: ['kib', 'kibibyte', 'kibibytes'], ladder: true },
  { symbol: 'MiB', factor: KIB ** 2, aliases: ['mib', 'mebibyte', 'mebibytes'], ladder: true },
  { symbol: 'GiB', factor: KIB ** 3, aliases: ['gib', 'gibibyte', 'gibibytes'], ladder: true },
  { symbol: 'TiB', factor: KIB ** 4, aliases: ['tib', 'tebibyte', 'tebibytes'], ladder: true },
  { symbol: 'PiB', factor: KIB ** 5, aliases: ['pib', 'pebibyte', 'pebibytes'], ladder: true },
];
const BITS: ScaleDef[] = [
  { symbol: 'bit', factor: 1 / 8, aliases: ['bit', 'bits'], ladder: true },
  { symbol: 'kbit', factor: 1e3 / 8, aliases: ['kbit', 'kbits', 'kilobit', 'kilobits'], ladder: true },
  { symbol: 'Mbit', factor: 1e6 / 8, aliases: ['mbit', 'mbits', 'megabit', 'megabits'], ladder: true },
  { symbol: 'Gbit', factor: 1e9 / 8, aliases: ['gbit', 'gbits', 'gigabit', 'gigabits'], ladder: true },
  { symbol: 'Tbit', factor: 1e12 / 8, aliases: ['tbit', 'tbits', 'terabit', 'terabits'], ladder: true },
];
/** "Mbit" per second is written "Mbps". */
const BITRATE_SYMBOL: Record<string, string> = {
  bit: 'bps',
  kbit: 'kbps',
  Mbit: 'Mbps',
  Gbit: 'Gbps',
  Tbit: 'Tbps',
};

type DataStyle = 'bytes' | 'iec' | 'bits';
const DATA_LADDERS: Record<DataStyle, ScaleDef[]> = { bytes: BYTES, iec: IEC, bits: BITS };

const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const CURRENCY_CODES = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'INR',
  'CHF',
  'CAD',
  'AUD',
  'CNY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
]);

/** Count nouns that mean the same thing ("req", "requests"). */
const NOUN_ALIASES: Record<string, string> = {
  req: 'request',
  reqs: 'request',
  rq: 'request',
  msg: 'message',
  msgs: 'message',
  op: 'operation',
  ops: 'operation',
  q: 'query',
  queries: 'query',
  tx: 'transaction',
  txn: 'transaction',
  txns: 'transaction',
  txs: 'transaction',
  evt: 'event',
  evts: 'event',
};

/** Rate shorthands → numerator noun and time unit. */
const RATE_SHORTHANDS: Record<string, [noun: string, per: string]> = {
  rps: ['req', 's'],
  rpm: ['req', 'min'],
  rph: ['req', 'h'],
  qps: ['queries', 's'],
  tps: ['tx', 's'],
};

// ---------------------------------------------------------------------------
// Parsed units
// ---------------------------------------------------------------------------

export type UnitKind = 'time' | 'data' | 'percent' | 'currency' | 'count' | 'rate';

export interface TimeUnit {
  kind: 'time';
  symbol: string;
  factor: number;
}
export interface DataUnit {
  kind: 'data';
  symbol: string;
  factor: number;
  style: DataStyle;
}
export interface PercentUnit {
  kind: 'percent';
  symbol: '%';
}
export interface CurrencyUnit {
  kind: 'currency';
  /** As written: "$" or "USD". */
  symbol: string;
  /** ISO code, to compare "$" with "USD". */
  code: string;
  /** Written before the number ("$12"), not after ("12 USD"). */
  prefix: boolean;
}
export interface CountUnit {
  kind: 'count';
  /** As written ("errors"); '' for a bare number. */
  noun: string;
  /** Normalised for comparison ("requests", "req" → "request"). */
  key: string;
}
export type MeasureUnit = TimeUnit | DataUnit | PercentUnit | CurrencyUnit | CountUnit;
export interface RateUnit {
  kind: 'rate';
  numerator: DataUnit | CurrencyUnit | CountUnit;
  per: TimeUnit;
}
export type Unit = MeasureUnit | RateUnit;

function lookup(defs: ScaleDef[], text: string, caseSensitiveFirst = true): ScaleDef | undefined {
  if (caseSensitiveFirst) {
    const exact = defs.find((d) => d.symbol === text);
    if (exact) return exact;
  }
  const lower = text.toLowerCase();
  return defs.find((d) => d.aliases.includes(lower));
}

function timeUnit(text: string): TimeUnit | null {
  // "M" is never minutes (it is "million" next to a number); "m" is.
  if (text === 'M') return null;
  const def = lookup(TIME, text);
  return def ? { kind: 'time', symbol: def.symbol, factor: def.factor } : null;
}

function dataUnit(text: string): DataUnit | null {
  for (const style of ['iec', 'bits', 'bytes'] as const) {
    const def = lookup(DATA_LADDERS[style], text);
    if (def) return { kind: 'data', symbol: def.symbol, factor: def.factor, style };
  }
  return null;
}

function nounKey(noun: string): string {
  const lower = noun.toLowerCase().replace(/\s+/g, ' ').trim();
  const alias = NOUN_ALIASES[lower];
  if (alias) return alias;
  if (lower.endsWith('ies') && lower.length > 4) return `${lower.slice(0, -3)}y`;
  if (lower.endsWith('s') && !lower.endsWith('ss') && lower.length > 3) return lower.slice(0, -1);
  return lower;
}

function countUnit(noun: string): CountUnit {
  const n = noun.replace(/\s+/g, ' ').trim();
  return { kind: 'count', noun: n, key: nounKey(n) };
}

function currencyUnit(text: string): CurrencyUnit | null {
  const code = CURRENCY_SYMBOLS[text];
  if (code) return { kind: 'currency', symbol: text, code, prefix: true };
  const upper = text.toUpperCase();
  if (CURRENCY_CODES.has(upper)) return { kind: 'currency', symbol: upper, code: upper, prefix: false };
  return null;
}

function measureUnit(text: string): MeasureUnit {
  const t = text.trim();
  if (t === '') return countUnit('');
  if (t === '%' || /^(percent|pct)$/i.test(t)) return { kind: 'percent', symbol: '%' };
  return timeUnit(t) ?? dataUnit(t) ?? currencyUnit(t) ?? countUnit(t);
}

function rateUnit(numeratorText: string, perText: string): RateUnit | null {
  const per = timeUnit(perText.trim().replace(/^1\s*/, ''));
  if (!per) return null;
  const numerator = measureUnit(numeratorText);
  if (numerator.kind === 'time' || numerator.kind === 'percent') return null;
  return { kind: 'rate', numerator, per };
}

/**
 * Parse a unit as written ("ms", "seconds", "MiB", "req/s", "per minute", "$", "errors").
 * Null for an empty string; any text that is not a known unit is a count noun.
 */
export function parseUnit(text: string): Unit | null {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  const lower = t.toLowerCase();
  const shorthand = RATE_SHORTHANDS[lower];
  if (shorthand) return rateUnit(shorthand[0], shorthand[1]);
  const bitrate = /^([kmgt]?)bps$/i.exec(t);
  if (bitrate) {
    const prefix = (bitrate[1] ?? '').toLowerCase();
    return rateUnit(prefix ? `${prefix}bit` : 'bit', 's');
  }
  const slash = t.lastIndexOf('/');
  if (slash >= 0) {
    const rate = rateUnit(t.slice(0, slash), t.slice(slash + 1));
    if (rate) return rate;
  }
  const per = /^(.*?)\s*\bper\s+(.+)$/i.exec(t);
  if (per) {
    const rate = rateUnit(per[1] ?? '', per[2] ?? '');
    if (rate) return rate;
  }
  return measureUnit(t);
}

function measureLabel(u: MeasureUnit | RateUnit['numerator']): string {
  switch (u.kind) {
    case 'count':
      return u.noun;
    case 'percent':
      return '%';
    default:
      return u.symbol;
  }
}

/** The canonical way to write a unit ("seconds" → "s", "rps" → "req/s", "Mbit/s" → "Mbps"). */
export function unitLabel(u: Unit | null): string {
  if (u === null) return '';
  if (u.kind !== 'rate') return measureLabel(u);
  const n = u.numerator;
  if (n.kind === 'data' && n.style === 'bits' && u.per.symbol === 's')
    return BITRATE_SYMBOL[n.symbol] ?? n.symbol;
  return `${measureLabel(n)}/${u.per.symbol}`;
}

/** The canonical form of a unit as written (unknown nouns stay as written, spaces tidied). */
export function canonicalUnit(text: string): string {
  return unitLabel(parseUnit(text));
}

/** The family a unit belongs to ('count' for no unit). */
export function unitKind(text: string): UnitKind {
  return parseUnit(text)?.kind ?? 'count';
}

// ---------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------

/** How many `to` are in one `from` (null when they measure different things). */
function ratio(from: Unit | null, to: Unit | null): number | null {
  const a = from ?? countUnit('');
  const b = to ?? countUnit('');
  if (a.kind === 'rate' && b.kind === 'rate') {
    const num = ratio(a.numerator, b.numerator);
    return num === null ? null : (num * b.per.factor) / a.per.factor;
  }
  if (a.kind !== b.kind) return null;
  switch (a.kind) {
    case 'time':
    case 'data':
      return a.factor / (b as TimeUnit | DataUnit).factor;
    case 'percent':
      return 1;
    case 'currency':
      return a.code === (b as CurrencyUnit).code ? 1 : null;
    case 'count': {
      const k = (b as CountUnit).key;
      return a.key === k || a.key === '' || k === '' ? 1 : null;
    }
    default:
      return null;
  }
}

/** Drop binary floating-point noise (2.5 / 0.001 = 2500, not 2500.0000000000005). */
function tidy(n: number): number {
  return n === 0 ? 0 : Number(n.toPrecision(12));
}

/** Convert a value between units of the same family; null when they cannot be compared. */
export function convert(value: number, fromUnit: string, toUnit: string): number | null {
  const r = ratio(parseUnit(fromUnit), parseUnit(toUnit));
  return r === null || !Number.isFinite(value) ? null : tidy(value * r);
}

/** Whether two units measure the same thing (a bare number goes with any count). */
export function sameFamily(a: string, b: string): boolean {
  return ratio(parseUnit(a), parseUnit(b)) !== null;
}

// ---------------------------------------------------------------------------
// Quantities as typed
// ---------------------------------------------------------------------------

export interface Quantity {
  value: number;
  /** Canonical unit ('' for a bare number). */
  unit: string;
}

const NUMBER_RE =
  /^([+-]?)\s*([$€£¥₹]?)\s*([+-]?)(\d[\d.,]*|\.\d+)(?:e([+-]?\d+))?([kKM](?![A-Za-z]))?\s*(.*)$/;

/**
 * Digits with separators as people write them: "1,250" and "1,250.5" (thousands commas),
 * "2,5" (decimal comma), "1.234,5" and "1.234.567" (dots for thousands). Null when unclear.
 */
function readDigits(text: string): number | null {
  let t = text;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  const groupsOf3 = (s: string, sep: string) => {
    const [head = '', ...groups] = s.split(sep);
    return /^\d{1,3}$/.test(head) && groups.length > 0 && groups.every((g) => /^\d{3}$/.test(g));
  };
  if (lastComma >= 0 && lastDot >= 0) {
    if (lastDot > lastComma) {
      const [int = '', frac = ''] = t.split('.');
      if (t.split('.').length !== 2 || !groupsOf3(int, ',')) return null;
      t = `${int.replace(/,/g, '')}.${frac}`;
    } else {
      const [int = '', frac = ''] = t.split(',');
      if (t.split(',').length !== 2 || !groupsOf3(int, '.')) return null;
      t = `${int.replace(/\./g, '')}.${frac}`;
    }
  } else if (lastComma >= 0) {
    if (groupsOf3(t, ',')) t = t.replace(/,/g, '');
    else if (/^\d+,\d+$/.test(t)) t = t.replace(',', '.');
    else return null;
  } else if (t.split('.').length > 2) {
    if (!groupsOf3(t, '.')) return null;
    t = t.replace(/\./g, '');
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/**
 * Read a number with an optional unit as people type it: "2.5 s", "180ms", "1.2 GB",
 * "450 req/s", "12k rpm", "$1,200/mo", "93%", "2,5 s" (decimal comma), "1,250" (thousands).
 * `k`/`K` (thousand) and `M` (million) stuck to the number scale it. Null when it is not one.
 */
export function parseQuantity(text: string): Quantity | null {
  const t = text
    .replace(/\u2212/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim()
    .replace(/^[~≈]\s*/, '');
  const m = NUMBER_RE.exec(t);
  if (!m) return null;
  const [, sign1 = '', currency = '', sign2 = '', digits = '', exp, magnitude, rest = ''] = m;
  if (sign1 && sign2) return null;
  const base = readDigits(digits);
  if (base === null) return null;
  let value = base * (exp === undefined ? 1 : 10 ** Number(exp));
  if (magnitude === 'k' || magnitude === 'K') value *= 1e3;
  else if (magnitude === 'M') value *= 1e6;
  if (sign1 === '-' || sign2 === '-') value = -value;
  if (!Number.isFinite(value)) return null;
  let unitText = rest.trim();
  if (currency) {
    // "$1,200" or "$1,200/mo"; "$12 USD" is fine too.
    if (unitText === '' || /^[a-z]{3}$/i.test(unitText)) unitText = currency;
    else if (unitText.startsWith('/') || /^per\s/i.test(unitText)) unitText = `${currency}${unitText}`;
    else return null;
  }
  return { value: tidy(value), unit: canonicalUnit(unitText) };
}

export type NormaliseResult =
  | { ok: true; before: number | null; after: number | null; unit: string }
  | { ok: false; field: 'before' | 'after' | 'both'; error: string };

/**
 * Both sides of a metric as typed ("2.5 s", "180 ms") in one unit: the smaller of the two
 * units, so values stay readable (2500 and 180, in ms). A bare number is taken to be in
 * `fallbackUnit` (the metric's current unit) when given, else in the other side's unit.
 * Empty text is a missing value.
 */
export function normaliseQuantities(
  beforeText: string,
  afterText: string,
  fallbackUnit = '',
): NormaliseResult {
  const read = (text: string, field: 'before' | 'after') => {
    if (text.trim() === '') return { ok: true as const, q: null };
    const q = parseQuantity(text);
    return q
      ? { ok: true as const, q }
      : { ok: false as const, field, error: `"${text.trim()}" is not a number` };
  };
  const b = read(beforeText, 'before');
  if (!b.ok) return b;
  const a = read(afterText, 'after');
  if (!a.ok) return a;
  const fallback = canonicalUnit(fallbackUnit);
  const withUnit = [b.q, a.q].filter((q): q is Quantity => q !== null && q.unit !== '');
  // The target unit: the smaller of the typed units, else the fallback.
  let unit = fallback;
  if (withUnit.length === 2) {
    const [x, y] = withUnit as [Quantity, Quantity];
    const r = ratio(parseUnit(x.unit), parseUnit(y.unit));
    if (r === null) return { ok: false, field: 'both', error: `${x.unit} and ${y.unit} cannot be compared` };
    unit = r >= 1 ? y.unit : x.unit;
  } else if (withUnit.length === 1) {
    const only = (withUnit[0] as Quantity).unit;
    unit = fallback && sameFamily(only, fallback) ? fallback : only;
  }
  const bareUnit = fallback && sameFamily(fallback, unit) ? fallback : unit;
  const toUnit = (q: Quantity | null): number | null => {
    if (q === null) return null;
    return convert(q.value, q.unit === '' ? bareUnit : q.unit, unit);
  };
  return { ok: true, before: toUnit(b.q), after: toUnit(a.q), unit };
}

export type MetricInputResult =
  { ok: true; changes: Partial<Pick<Metric, 'before' | 'after' | 'unit'>> } | { ok: false; error: string };

/**
 * What to store when the user types `text` into the before or after field of `m`:
 * - empty → the value is cleared;
 * - a bare number → stored as is, in the metric's unit;
 * - a number with a unit of the metric's family → converted into the metric's unit
 *   (unit "ms", typed "2.5 s" → 2500);
 * - the metric has no unit yet, or the other value is empty → the typed unit becomes the
 *   metric's unit;
 * - a unit that cannot be compared with the other value's → an error, nothing stored.
 */
export function metricInput(
  m: Pick<Metric, 'before' | 'after' | 'unit'>,
  field: 'before' | 'after',
  text: string,
): MetricInputResult {
  if (text.trim() === '') return { ok: true, changes: { [field]: null } };
  const q = parseQuantity(text);
  if (!q) return { ok: false, error: `"${text.trim()}" is not a number` };
  if (q.unit === '') return { ok: true, changes: { [field]: q.value } };
  const current = m.unit.trim();
  if (current !== '') {
    const converted = convert(q.value, q.unit, current);
    if (converted !== null) return { ok: true, changes: { [field]: converted } };
  }
  const other = field === 'before' ? m.after : m.before;
  if (current === '' || other === null) return { ok: true, changes: { [field]: q.value, unit: q.unit } };
  return { ok: false, error: `${q.unit} cannot be compared with ${current}` };
}

// ---------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------

/** 3 significant digits, but whole numbers from 100 up: 2.46, 13.9, 180, 12,500. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 100) text = Math.round(abs).toLocaleString('en-US');
  else if (abs >= 10) text = trimZeros(abs.toFixed(1));
  else if (abs >= 1) text = trimZeros(abs.toFixed(2));
  else text = trimZeros(Number(abs.toPrecision(3)).toString());
  if (text === '0') return '0';
  return value < 0 ? `-${text}` : text;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A percentage magnitude: whole from 10 up, one decimal below ("93", "12", "4.5", "0.5", "<0.1"). */
export function formatPercent(p: number): string {
  const abs = Math.abs(p);
  if (abs === 0) return '0';
  if (abs < 0.1) return '<0.1';
  if (abs < 10) return trimZeros(abs.toFixed(1));
  const whole = Math.round(abs);
  if (whole < 100 || abs >= 100) return whole.toLocaleString('en-US');
  // 99.5–99.99…: "100% lower" would claim the value reached zero.
  const one = trimZeros(abs.toFixed(1));
  return one === '100' ? '>99.9' : one;
}

/** A ratio: one decimal below 100, whole above ("13.9", "2", "139"). */
export function formatFactor(f: number): string {
  return f >= 100 ? Math.round(f).toLocaleString('en-US') : trimZeros(f.toFixed(1));
}

export interface HumanisedValue {
  /** The value in the display unit. */
  value: number;
  number: string;
  /** The display unit ('' when none). */
  unit: string;
  /** "2.5 s", "93%", "$1,200", "12 errors". */
  text: string;
  /** A word unit ("errors", "req/s") that may be said once for both sides: "3 → 12 errors". */
  sharable: boolean;
}

function pickScale(
  valueInBase: number,
  ladder: ScaleDef[],
  given: ScaleDef | undefined,
): ScaleDef | undefined {
  const abs = Math.abs(valueInBase);
  if (abs === 0) return given;
  if (given && !given.ladder && abs / given.factor >= 1) return given;
  const candidates = ladder.filter((d) => d.ladder);
  let best: ScaleDef | undefined = candidates[0];
  for (const d of candidates) if (abs / d.factor >= (d.min ?? 1)) best = d;
  return best;
}

function assemble(value: number, u: Unit | null): HumanisedValue {
  const number = formatNumber(value);
  if (u === null || (u.kind === 'count' && u.noun === '')) {
    return { value, number, unit: '', text: number, sharable: false };
  }
  const label = unitLabel(u);
  if (u.kind === 'percent') return { value, number, unit: '%', text: `${number}%`, sharable: false };
  const currency =
    u.kind === 'currency' ? u : u.kind === 'rate' && u.numerator.kind === 'currency' ? u.numerator : null;
  if (currency?.prefix) {
    const sign = value < 0 ? '-' : '';
    const tail = u.kind === 'rate' ? `/${u.per.symbol}` : '';
    return {
      value,
      number,
      unit: label,
      text: `${sign}${currency.symbol}${formatNumber(Math.abs(value))}${tail}`,
      sharable: false,
    };
  }
  if (u.kind === 'rate' && u.numerator.kind === 'count' && u.numerator.noun === '') {
    return { value, number, unit: label, text: `${number}${label}`, sharable: false };
  }
  const sharable = u.kind === 'count' || (u.kind === 'rate' && u.numerator.kind === 'count');
  return { value, number, unit: label, text: `${number} ${label}`, sharable };
}

/**
 * A value in the nicest unit of its family: 2500 ms → "2.5 s", 0.18 s → "180 ms",
 * 1536 MB → "1.5 GB", 1500 MB/s → "1.46 GB/s". Rates keep their time unit unless the value
 * drops below 1 (0.5 req/s → "30 req/min"). Units outside a family are kept as written.
 */
export function humaniseParts(value: number, unit: string): HumanisedValue {
  const u = parseUnit(unit);
  if (u === null || !Number.isFinite(value)) return assemble(value, u);
  if (u.kind === 'time') {
    const given = TIME.find((d) => d.symbol === u.symbol);
    const pick = pickScale(value * u.factor, TIME, given);
    if (!pick) return assemble(value, u);
    return assemble(tidy((value * u.factor) / pick.factor), {
      kind: 'time',
      symbol: pick.symbol,
      factor: pick.factor,
    });
  }
  if (u.kind === 'data') {
    const ladder = DATA_LADDERS[u.style];
    const pick = pickScale(
      value * u.factor,
      ladder,
      ladder.find((d) => d.symbol === u.symbol),
    );
    if (!pick) return assemble(value, u);
    return assemble(tidy((value * u.factor) / pick.factor), {
      ...u,
      symbol: pick.symbol,
      factor: pick.factor,
    });
  }
  if (u.kind === 'rate') {
    let v = value;
    let numerator = u.numerator;
    if (numerator.kind === 'data') {
      const n = numerator;
      const ladder = DATA_LADDERS[n.style];
      const pick = pickScale(
        v * n.factor,
        ladder,
        ladder.find((d) => d.symbol === n.symbol),
      );
      if (pick) {
        v = (v * n.factor) / pick.factor;
        numerator = { ...n, symbol: pick.symbol, factor: pick.factor };
      }
    }
    let per = u.per;
    const longer = TIME.filter((d) => d.ladder && d.factor > per.factor);
    for (const d of longer) {
      if (v === 0 || Math.abs(v) >= 1) break;
      v = (v * d.factor) / per.factor;
      per = { kind: 'time', symbol: d.symbol, factor: d.factor };
    }
    return assemble(tidy(v), { kind: 'rate', numerator, per });
  }
  return assemble(value, u);
}

export function humanise(value: number, unit: string): string {
  return humaniseParts(value, unit).text;
}

// ---------------------------------------------------------------------------
// The improvement phrase
// ---------------------------------------------------------------------------

export type MetricFlag =
  | 'missing name'
  | 'missing baseline'
  | 'missing result'
  | 'missing unit'
  | 'zero baseline'
  | 'no change'
  | 'worse';

export interface MetricChange {
  /** Signed change relative to before, in percent (null when before is 0 or a value is missing). */
  percent: number | null;
  /** Larger over smaller (≥ 1), when both values are positive and differ; else null. */
  factor: number | null;
  /** after − before, in the metric's unit. */
  difference: number | null;
  /** Whether the change goes the metric's way; null for no change or missing values. */
  better: boolean | null;
}

export interface MetricPhrase {
  /** "P95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)". */
  text: string;
  /** The part after the name: "2.5 s → 180 ms (93% lower, 13.9× faster)". */
  values: string;
  /** The part in brackets: "93% lower, 13.9× faster" ('' when values are missing). */
  summary: string;
  change: MetricChange;
  flags: MetricFlag[];
}

/** Factors below this are not worth saying ("20% lower" says enough; "1.25× faster" adds nothing). */
const MIN_FACTOR_SHOWN = 1.5;

function factorWord(u: Unit | null, increased: boolean, direction: MetricDirection): string {
  const kind = u?.kind === 'rate' ? u.numerator.kind : u?.kind;
  const rate = u?.kind === 'rate';
  switch (kind) {
    case 'time':
      if (direction === 'lower-is-better') return increased ? 'slower' : 'faster';
      return increased ? 'longer' : 'shorter';
    case 'data':
      return rate ? (increased ? 'more' : 'less') : increased ? 'larger' : 'smaller';
    case 'currency':
      if (direction === 'lower-is-better') return increased ? 'more expensive' : 'cheaper';
      return increased ? 'more' : 'less';
    case 'count':
      if (u?.kind === 'rate' || (u?.kind === 'count' && u.noun !== '')) return increased ? 'more' : 'fewer';
      return increased ? 'more' : 'less';
    default:
      return increased ? 'more' : 'less';
  }
}

/** Up to 6 significant digits, for values that look equal at the usual precision. */
function precise(value: number): string {
  return String(Number(Math.abs(value).toPrecision(6)) * Math.sign(value));
}

function finiteOrNull(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

/** The improvement, computed: text, numbers and what is missing or odd. */
export function phraseMetric(
  m: Pick<Metric, 'name' | 'before' | 'after' | 'unit' | 'direction'>,
): MetricPhrase {
  const name = m.name.trim();
  const before = finiteOrNull(m.before);
  const after = finiteOrNull(m.after);
  const u = parseUnit(m.unit);
  const flags: MetricFlag[] = [];
  if (!name) flags.push('missing name');
  if (before === null) flags.push('missing baseline');
  if (after === null) flags.push('missing result');
  if (m.unit.trim() === '') flags.push('missing unit');
  const change: MetricChange = { percent: null, factor: null, difference: null, better: null };
  let values: string;
  let summary = '';
  if (before === null && after === null) values = 'no values yet';
  else if (before === null) values = `after ${humanise(after as number, m.unit)} (no baseline)`;
  else if (after === null) values = `before ${humanise(before, m.unit)} (no result yet)`;
  else {
    let b = humaniseParts(before, m.unit);
    let a = humaniseParts(after, m.unit);
    if (b.text === a.text && before !== after) {
      // 1 → 1.001 would read "1 → 1": show the digits that differ.
      b = { ...b, number: precise(b.value), text: b.text.replace(b.number, precise(b.value)) };
      a = { ...a, number: precise(a.value), text: a.text.replace(a.number, precise(a.value)) };
    }
    const sideB = a.sharable && b.unit === a.unit ? b.number : b.text;
    const difference = tidy(after - before);
    const scale = Math.max(Math.abs(before), Math.abs(after));
    const same = Math.abs(difference) <= scale * 1e-12;
    const parts: string[] = [];
    change.difference = same ? 0 : difference;
    if (same) {
      flags.push('no change');
      parts.push('no change');
    } else {
      const increased = difference > 0;
      change.better = increased === (m.direction === 'higher-is-better');
      if (u?.kind === 'percent')
        parts.push(`${increased ? '+' : '-'}${formatNumber(Math.abs(difference))} pp`);
      if (before === 0) {
        flags.push('zero baseline');
        parts.push(after > 0 ? 'new' : 'from zero');
      } else {
        change.percent = tidy((difference / Math.abs(before)) * 100);
        parts.push(`${formatPercent(change.percent)}% ${increased ? 'higher' : 'lower'}`);
        if (before > 0 && after > 0) {
          change.factor = tidy(increased ? after / before : before / after);
          if (change.factor >= MIN_FACTOR_SHOWN) {
            parts.push(`${formatFactor(change.factor)}× ${factorWord(u, increased, m.direction)}`);
          }
        }
      }
      if (!change.better) {
        flags.push('worse');
        parts.push('worse');
      }
    }
    summary = parts.join(', ');
    values = `${sideB} → ${a.text} (${summary})`;
  }
  return { text: name ? `${name}: ${values}` : values, values, summary, change, flags };
}

/** Words that make lower better whatever else the name says ("Failed orders", "Error rate"). */
const BAD_WORDS =
  /error|fail|crash|bug|incident|outage|downtime|latency|\bp\d{2}\b|mttr|mttd|cost|spend|churn|bounce|complaint|ticket|toil/i;
const HIGHER_WORDS =
  /throughput|conversion|uptime|availability|revenue|coverage|hit rate|hit ratio|satisfaction|\bnps\b|retention|adoption|users|orders|sales|deploys|deployment frequency|velocity|score|\brps\b|\bqps\b/i;

/** A sensible default direction for a new metric, from its name and unit. */
export function guessDirection(name: string, unit: string): MetricDirection {
  if (BAD_WORDS.test(name)) return 'lower-is-better';
  if (HIGHER_WORDS.test(name)) return 'higher-is-better';
  const u = parseUnit(unit);
  if (u?.kind === 'rate' && u.numerator.kind !== 'currency') return 'higher-is-better';
  return 'lower-is-better';
}
