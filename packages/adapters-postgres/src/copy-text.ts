import type { SqlCopy } from '@rapport/sql';

// The characters COPY's text format gives a meaning: the escape itself, the column delimiter and the two
// line ends. Everything else, every other control character and all of Unicode, passes through as UTF-8.
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeOf = (character: string) => ESCAPES[character] as string;

/** NULL in COPY's text format: a backslash and `N`, which no escaped value can spell. */
const NULL_FIELD = '\\N';

/**
 * One value of COPY's text format, as Postgres's input function for the column reads it: text with `\`,
 * tab, newline and carriage return escaped; numbers in JavaScript's shortest round-trip form (`1e+21`,
 * `0.1`), which `bigint` and `double precision` parse exactly; booleans as `t` and `f`; null as `\N`. JSON
 * columns arrive as JSON text from the dialect's codec, and jsonb parses them from here as from a bound
 * parameter.
 *
 * @example
 * ```ts
 * copyField('a\tb\\c'); // 'a\\tb\\\\c'
 * copyField(null); // '\\N'
 * ```
 */
export function copyField(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, escapeOf) : value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value === null || value === undefined) return NULL_FIELD;
      // The column codecs hand over only the types above; anything else is a bug upstream, not data.
      throw new TypeError(`COPY cannot encode a value of type ${typeof value}.`);
  }
}

// Rows per piece of COPY text: a bulk load of any size streams in pieces of a few hundred kilobytes
// instead of building one string for all of it.
const ROWS_PER_PIECE = 1_000;

/**
 * The rows of `copy` in COPY's text format, one line per row with fields separated by tabs, in pieces of
 * {@link ROWS_PER_PIECE} rows. Rows are encoded as their piece is asked for, so a stream sends the first
 * piece while the rest are still rows; an encoding failure (a value that does not fit its column) throws
 * from the piece that holds it.
 *
 * @example
 * ```ts
 * const copy = copyOfValues({ table: 'tags', columns: ['id', 'name'], values: ['a', 'vip', 'b', null] });
 * [...copyText(copy)]; // ['a\tvip\nb\t\\N\n']
 * ```
 */
export function* copyText(copy: SqlCopy): Generator<string> {
  const { rowCount } = copy;
  const width = copy.columns.length;
  const values: unknown[] = new Array(width);
  for (let pieceStart = 0; pieceStart < rowCount; pieceStart += ROWS_PER_PIECE) {
    const pieceEnd = Math.min(rowCount, pieceStart + ROWS_PER_PIECE);
    let text = '';
    for (let row = pieceStart; row < pieceEnd; row++) {
      copy.encodeRow(row, values);
      let line = copyField(values[0]);
      for (let i = 1; i < width; i++) line += `\t${copyField(values[i])}`;
      text += `${line}\n`;
    }
    yield text;
  }
}

/**
 * The COPY statement loading `copy`'s columns from `source` (`stdin` for a server connection, a quoted
 * file name for PGlite's `'/dev/blob'`), in the default text format. Names are plain identifiers (the
 * shared layer accepts no other), quoted as every statement quotes them.
 *
 * @example
 * ```ts
 * copyStatement(copyOfValues({ table: 'tags', columns: ['id', 'name'], values: [] }), 'stdin');
 * // 'copy "tags" ("id", "name") from stdin'
 * ```
 */
export function copyStatement(copy: SqlCopy, source: string): string {
  const columns = copy.columns.map(quoted).join(', ');
  return `copy ${quoted(copy.table)} (${columns}) from ${source}`;
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
