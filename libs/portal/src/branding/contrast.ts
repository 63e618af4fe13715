/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const HEX = /^#[0-9a-f]{6}$/i;

function darker(hex: string, factor: number): string {
  const parts = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * factor));
  return `#${parts.map((p) => p.toString(16).padStart(2, '0')).join('')}`;
}

/** The lightest background the brand colour is used on as text (the footer's). */
const LIGHTEST_BACKGROUND = '#f3f5f7';

/**
 * The brand colour, darkened just enough for white text on it and for it as text on the pages'
 * light backgrounds to reach 4.5:1 (WCAG 2.1 AA, 1.4.3): a tenant picks its colour, the pages stay
 * readable.
 */
export function readableOnWhite(colour: string): string {
  const hex = HEX.test(colour) ? colour.toLowerCase() : '#1f4e79';
  let out = hex;
  for (let f = 1; contrastRatio(out, LIGHTEST_BACKGROUND) < 4.6 && f > 0.05; f -= 0.05) out = darker(hex, f);
  return out;
}
