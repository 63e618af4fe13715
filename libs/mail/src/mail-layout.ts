import type { MailBranding, MailCategory } from '../../plugin-api/src/index.js';

/** Footer words of the core layout; a locale without its own falls back to English. */
const LABELS: Record<string, { unsubscribe: string; preferences: string; why: string }> = {
  en: { unsubscribe: 'Unsubscribe (free of charge)', preferences: 'E-mail preferences', why: 'Why do I receive this?' },
  nl: { unsubscribe: 'Afmelden (kosteloos)', preferences: 'E-mailvoorkeuren', why: 'Waarom ontvang ik dit?' },
};

export function layoutLabels(locale: string) {
  return LABELS[locale] ?? LABELS.en;
}

export interface LayoutInput {
  readonly branding: MailBranding;
  readonly category: MailCategory;
  readonly locale: string;
  readonly defaultLocale: string;
}

/** Tenant-supplied words go into MJML as text, never markup or Handlebars. */
function literal(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\{\{/g, '\\{{');
}

function footerText(input: LayoutInput): string {
  const f = input.branding.footer;
  return f[input.locale] ?? f[input.defaultLocale] ?? Object.values(f)[0] ?? '';
}

/** Everything but transactional mail can be unsubscribed from, with the link in the footer. */
export function isUnsubscribable(category: MailCategory): boolean {
  return category !== 'transactional';
}

/**
 * The shared, brandable frame every mail is rendered in: header with logo (or sender name), the
 * tenant's body fragment, and a footer with the reason for the mail and, for every category but
 * transactional, a visible unsubscribe link (the statements promise "the link at the bottom").
 */
export function wrapInLayout(fragment: string, input: LayoutInput): string {
  const b = input.branding;
  const colour = literal(b.primaryColour);
  const labels = layoutLabels(input.locale);
  const header = b.logoUrl
    ? `<mj-image src="${literal(b.logoUrl)}" alt="${literal(b.senderName)}" width="160px" align="left" padding="8px 0" />`
    : `<mj-text color="#ffffff" font-size="20px" font-weight="bold">${literal(b.senderName)}</mj-text>`;
  const unsubscribe = isUnsubscribable(input.category)
    ? `<mj-text font-size="12px" color="#52606d" align="center"><a href="{{mail.unsubscribeUrl}}" style="color:${colour}">${literal(labels.unsubscribe)}</a> &middot; <a href="{{mail.preferencesUrl}}" style="color:${colour}">${literal(labels.preferences)}</a></mj-text>`
    : '';
  return `<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2933" />
      <mj-button background-color="${colour}" color="#ffffff" font-size="15px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#ffffff">
    <mj-section background-color="${colour}" padding="12px 0"><mj-column>${header}</mj-column></mj-section>
${fragment}
    <mj-section padding="24px 0 8px"><mj-column>
      <mj-divider border-width="1px" border-color="#e4e7eb" />
      <mj-text font-size="12px" color="#52606d" align="center">${literal(footerText(input))}</mj-text>
      ${unsubscribe}
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
}

/** The same frame for the plain-text part. */
export function wrapTextInLayout(bodyText: string, input: LayoutInput): string {
  const labels = layoutLabels(input.locale);
  const footer = footerText(input).replace(/\{\{/g, '\\{{');
  const lines = [input.branding.senderName.replace(/\{\{/g, '\\{{'), '', bodyText, '', '--', footer];
  if (isUnsubscribable(input.category))
    lines.push('', `${labels.unsubscribe}: {{mail.unsubscribeUrl}}`, `${labels.preferences}: {{mail.preferencesUrl}}`);
  return lines.join('\n');
}
