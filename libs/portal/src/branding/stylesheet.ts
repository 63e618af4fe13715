import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The NL Design System (Utrecht) components the portal's pages use, and only those: the whole
 * component library is 32 KB compressed, these about a third of it.
 */
const COMPONENTS = [
  'document',
  'skip-link',
  'heading-1',
  'heading-2',
  'heading-3',
  'paragraph',
  'link',
  'button',
  'form-field',
  'form-label',
  'form-field-description',
  'form-field-error-message',
  'form-fieldset',
  'textbox',
  'textarea',
  'select',
  'checkbox',
  'radio-button',
  'alert',
  'table',
  'unordered-list',
  'data-list',
  'status-badge',
] as const;

export interface Stylesheet {
  /** Where it is served: the content hash is in the name, so it can be cached for good. */
  readonly path: string;
  readonly css: string;
}

/**
 * One stylesheet for every page: the chosen components' CSS as the NL Design System publishes it
 * (EUPL-1.2, licence headers kept), followed by the platform's own tokens and layout rules. Each
 * component is resolved from the component library's own dependencies, so the versions are the ones
 * the library was released with.
 */
export function buildStylesheet(ownCss: string): Stylesheet {
  const library = createRequire(createRequire(import.meta.url).resolve('@utrecht/component-library-css/package.json'));
  const parts = COMPONENTS.map((c) => readFileSync(library.resolve(`@utrecht/${c}-css/dist/index.css`), 'utf8'));
  const css = [...parts, ownCss].join('\n');
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 12);
  return { path: `/assets/portal.${hash}.css`, css };
}
