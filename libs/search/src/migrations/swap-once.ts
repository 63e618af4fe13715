/**
 * Replaces exactly one known piece of a function text, or refuses to build: each version of a
 * search function is the previous text with named pieces swapped, so a piece that moved or
 * doubled must stop the migration from being written, not produce a function nobody reviewed.
 */
export function swapOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`search function no longer holds exactly one ${from.slice(0, 60)}`);
  return text.replace(from, () => to);
}
