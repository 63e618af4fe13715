/** A CSV file as records: RFC 4180 quoting, comma or semicolon (as Dutch spreadsheets write it) separated. */
export interface CsvTable {
  readonly header: string[];
  /** Each record with its line number in the file, so a report points at the right line. */
  readonly records: { line: number; cells: string[] }[];
}

export class CsvError extends Error {}

export function parseCsv(text: string): CsvTable {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (quoted) throw new CsvError(`line ${start}: a quoted value is not closed`);
  if (cell !== '' || cells.length) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  const nonEmpty = rows.filter((r) => r.cells.some((x) => x.trim() !== ''));
  if (!nonEmpty.length) throw new CsvError('the file has no header line');
  const [head, ...records] = nonEmpty;
  return { header: head.cells.map((h) => h.trim()), records };
}
