import fc from 'fast-check';

/**
 * Texts chosen to tell a correct engine from a plausible wrong one: case folding beyond ASCII (`É`, `ß`/`ẞ`,
 * `İ`/`ı`, the Greek final sigma, title-case digraphs, the Kelvin and Ohm signs), combining marks,
 * characters above U+FFFF (code-point order differs from UTF-16 order), right-to-left text and controls,
 * LIKE wildcards and escapes, quotes and SQL fragments, digits that sort differently as text, and the empty
 * and blank strings. No NUL and no lone surrogate: no engine can store them, and writes refuse them.
 */
export const trickyTexts: readonly string[] = [
  '',
  ' ',
  'a',
  'A',
  'ab',
  'AB',
  'Ab',
  'Éclair',
  'éclair',
  'ÉCLAIR',
  'e\u0301clair',
  'E\u0301CLAIR',
  'straße',
  'STRASSE',
  'Strasse',
  '\u1E9E',
  'ß',
  'İstanbul',
  'istanbul',
  'ISTANBUL',
  'ıstanbul',
  'i\u0307stanbul',
  'ΟΔΟΣ',
  'οδος',
  'οδοσ',
  'Σ',
  'σ',
  'ς',
  'ΣΑΣ ΣΑΣ',
  'ǅ',
  'ǆ',
  'Ǆ',
  'ﬁ',
  'FI',
  '\u212A',
  'k',
  'K',
  '\u2126',
  'ω',
  '😀',
  'a😀',
  'a\uFF5E',
  '👩‍👩‍👧',
  '🇫🇷',
  'שלום',
  'مرحبا',
  '\u202Eevil\u202C',
  '\u200B',
  '\u00A0',
  '100%',
  '50_50',
  '%',
  '_',
  '\\',
  'a\\b',
  "O'Brien",
  "''",
  '"quoted"',
  '`tick`',
  ';',
  '--',
  "'; drop table people; --",
  '$1',
  '?',
  'x'.repeat(300),
  'Z',
  'z',
  '0',
  '9',
  '10',
  '2',
  '-1',
  '2024-02-29',
  'North',
  'north',
  'NORTH',
  'Nörth',
];

/** Characters that random texts are built from, so that they collide with each other and with the pool. */
const trickyCharacters: readonly string[] = [
  'a',
  'A',
  'b',
  'B',
  'z',
  'é',
  'É',
  'e\u0301',
  'ß',
  '\u1E9E',
  'İ',
  'i',
  'ı',
  'I',
  'Σ',
  'σ',
  'ς',
  'ǅ',
  '\u212A',
  'k',
  '%',
  '_',
  '\\',
  "'",
  '"',
  ' ',
  '-',
  '.',
  '0',
  '1',
  '😀',
  '\uFF5E',
  'א',
  'ع',
  '\u202E',
];

/** A text built from {@link trickyCharacters}: short, so that values repeat and conditions match. */
export const mixedText: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...trickyCharacters),
  minLength: 0,
  maxLength: 6,
});

// A code point of any plane but NUL and the surrogates (a custom unit: fast-check's 'binary' unit indexes
// the whole Unicode range up front, which costs seconds per test file).
const anyCodePoint = fc
  .integer({ min: 1, max: 0x10ffff - 0x800 })
  .map((value) => String.fromCodePoint(value < 0xd800 ? value : value + 0x800));

/** Any code point but NUL: whatever Unicode holds, rarely, to find what the lists above missed. */
export const anyUnicodeText: fc.Arbitrary<string> = fc.string({ unit: anyCodePoint, maxLength: 8 });

/** A text value: mostly from the pool, some built from tricky characters, a few of any code points. */
export const textValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...trickyTexts), weight: 5 },
  { arbitrary: mixedText, weight: 3 },
  { arbitrary: anyUnicodeText, weight: 1 },
);

/** Integers at the edges: zero, negatives, 32-bit limits, the largest exact integers of a double. */
export const boundaryIntegers: readonly number[] = [
  0,
  1,
  -1,
  2,
  3,
  5,
  9,
  10,
  100,
  -5,
  1_000,
  2_147_483_647,
  2_147_483_648,
  -2_147_483_648,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];

/** Numbers beyond integers: fractions that binary floating point cannot hold exactly, and extremes. */
export const boundaryFractions: readonly number[] = [
  0.5,
  -0.5,
  0.1,
  0.2,
  0.3,
  0.30000000000000004,
  1.5,
  -2.25,
  2.5,
  1e-7,
  123_456.789,
  1e15 + 0.5,
  1e21,
  -1e21,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
];

/** An integer value: boundaries or small ones, so that values repeat. */
export const integerValue: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constantFrom(...boundaryIntegers), weight: 2 },
  { arbitrary: fc.integer({ min: -20, max: 200 }), weight: 3 },
);

/** A number value: integers, fractions and extremes. */
export const numberValue: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: integerValue, weight: 3 },
  { arbitrary: fc.constantFrom(...boundaryFractions), weight: 2 },
  { arbitrary: fc.integer({ min: -400, max: 400 }).map((quarter) => quarter / 4), weight: 1 },
);

/**
 * A number as a store holds it: the records layer refuses numbers beyond 2^53 - 1 in size (so that sums
 * never overflow on any engine), so stored data has none; filters still compare with any number.
 */
export const storedNumberValue: fc.Arbitrary<number> = numberValue.filter(
  (value) => Math.abs(value) <= Number.MAX_SAFE_INTEGER,
);

/** Dates at the edges: leap days, the days around them, year ends, the first and last ISO years. */
export const boundaryDates: readonly string[] = [
  '2024-02-29',
  '2024-02-28',
  '2024-03-01',
  '2023-02-28',
  '2023-03-01',
  '2000-02-29',
  '1900-02-28',
  '1900-03-01',
  '1999-12-31',
  '2000-01-01',
  '2024-12-31',
  '2025-01-01',
  '2025-12-31',
  '1970-01-01',
  '0001-01-01',
  '9999-12-31',
];

const day = 86_400_000;
const dayRange = { min: Date.UTC(1900, 0, 1) / day, max: Date.UTC(2100, 0, 1) / day };

/** A `YYYY-MM-DD` date: a boundary one or any day from 1900 to 2100. */
export const dateValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...boundaryDates),
  fc.integer(dayRange).map((days) => new Date(days * day).toISOString().slice(0, 10)),
);

/**
 * Instants at the edges: year ends to the millisecond, a leap day, the epoch, and the nights the clocks
 * change in Europe and the United States, where a local day is 23 or 25 hours long.
 */
export const boundaryInstants: readonly string[] = [
  '2024-12-31T23:59:59.999Z',
  '2025-01-01T00:00:00.000Z',
  '2024-02-29T12:00:00.000Z',
  '2024-02-29T23:30:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '1999-12-31T23:59:59.999Z',
  '2000-01-01T00:00:00.000Z',
  '2024-03-31T01:00:00.000Z',
  '2024-10-27T00:59:59.999Z',
  '2024-11-03T06:30:00.000Z',
  '2025-06-15T12:00:00.000Z',
];

const instantRange = { min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 0, 1) };

/** An ISO-8601 UTC instant with milliseconds, as stored: a boundary one or any from 1990 to 2030. */
export const instantValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...boundaryInstants),
  fc.integer(instantRange).map((milliseconds) => new Date(milliseconds).toISOString()),
);

/** A tag: short, repeating, with case and Unicode variants of each other. */
export const tagValue: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom('vip', 'VIP', 'Vip', 'new', 'b2b', 'straße', 'STRASSE', 'ς', '😀', '%', ''),
    weight: 4,
  },
  { arbitrary: mixedText, weight: 1 },
);

/** A list of tags: often empty, sometimes with duplicates. */
export const tagList: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant<string[]>([]),
  fc.array(tagValue, { maxLength: 4 }),
  tagValue.map((tag) => [tag, tag]),
);

/**
 * A JSON value of some type, to store where a field expects another: engines must read it as null, whatever
 * their casting rules (`'5'` is not 5, `1` is not `true`, `'true'` is not `true`).
 */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('5', '0', 'true', 'false', '', '2024-02-29', '1e3', 5, 0, 1, -1, 0.5, true, false),
  fc.constantFrom([], ['a'], [1, 'a', null], {}, { a: 1 }, [['vip']], { tier: 'gold' }),
);
