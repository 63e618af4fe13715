import { labelForHost, type MailBranding, type TenantDefinition } from '../../../plugin-api/src/index.js';
import { readableOnWhite } from './contrast.js';

export interface PortalBranding {
  /** The label's brand key, or null for the tenant's own branding. */
  readonly brand: string | null;
  readonly name: string;
  readonly logoUrl: string | null;
  /** The declared brand colour, made readable (4.5:1) for text and for white text on it. */
  readonly colour: string;
}

/**
 * The same branding the tenant's mail carries: its sender name, logo and colour, or a label's
 * (a mail brand) when the page is served on one of that label's host names.
 */
export function brandingFor(def: TenantDefinition, host: string | undefined): PortalBranding {
  const name = (host ?? '').toLowerCase().replace(/:\d+$/, '');
  // A portal label, or a tenant label (`labels`), whose brand key is its mail brand.
  const declared = labelForHost(def, name);
  const label = def.portal?.labels?.find((l) => l.domains.some((d) => d.toLowerCase() === name)) ?? (declared ? { brand: declared.key } : undefined);
  const base: MailBranding = def.mail.branding;
  const b: MailBranding = label ? { ...base, ...def.mail.brands?.[label.brand] } : base;
  return {
    brand: label?.brand ?? null,
    name: label ? b.senderName : def.name,
    logoUrl: b.logoUrl ?? null,
    colour: readableOnWhite(b.primaryColour),
  };
}

/** The custom properties that theme the NL Design System components for this brand. */
export function themeCss(b: PortalBranding): string {
  return `:root{--portal-brand:${b.colour}}`;
}
