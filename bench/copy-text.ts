// COPY's text format, written by hand as an import script would: escape the four characters it gives a
// meaning, NULL as \N.
const copyValue = (value: unknown) =>
  value === null
    ? '\\N'
    : String(value).replace(
        /[\\\t\n\r]/g,
        (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string,
      );

/** Rows (values in column order) as the body of a `COPY ... FROM STDIN` in text format. */
export const copyText = (rows: readonly (readonly unknown[])[]) =>
  rows.map((row) => `${row.map(copyValue).join('\t')}\n`).join('');
