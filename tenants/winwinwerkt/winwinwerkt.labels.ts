import type { LabelDeclaration, MailBranding } from '../../libs/plugin-api/src/index.js';

/**
 * Statement 003: "Dit omvat tevens de aparte websites van onze Partner LABELS". WinWinWerkt itself
 * is the tenant's own site (its domain and branding); each label has its own host name, look and
 * sender, over the one candidate database.
 */
export const WINWINWERKT_DOMAIN = 'winwinwerkt.localhost';

export const winwinwerktLabels: readonly LabelDeclaration[] = [
  { key: 'vacatureservicemkb', name: 'Vacature Service MKB', domains: ['vacatureservicemkb.localhost'] },
  { key: 'plus65werkt', name: '65plus Werkt', domains: ['65pluswerkt.localhost'] },
  { key: 'werkweb', name: 'WerkWeb', domains: ['werkweb.localhost'] },
  { key: 'onbekendtalent', name: 'Onbekend Talent', domains: ['onbekendtalent.localhost'] },
];

export const winwinwerktBranding: MailBranding = {
  senderName: 'WinWinWerkt',
  senderAddress: 'noreply@winwinwerkt.example',
  primaryColour: '#e2007a',
  footer: {
    nl: 'WinWinWerkt, Recruitment Service Platform. Je ontvangt deze e-mail omdat je bij WinWinWerkt of een van haar labels bent ingeschreven.',
    en: 'WinWinWerkt, recruitment service platform. You receive this e-mail because you registered with WinWinWerkt or one of its labels.',
  },
};

/** Each label's mail look and sender, on top of WinWinWerkt's branding. */
export const winwinwerktBrands: Readonly<Record<string, Partial<MailBranding>>> = {
  vacatureservicemkb: {
    senderName: 'Vacature Service MKB',
    senderAddress: 'noreply@vacatureservicemkb.example',
    primaryColour: '#1d5fa8',
    footer: {
      nl: 'Vacature Service MKB is een label van WinWinWerkt.',
      en: 'Vacature Service MKB is a label of WinWinWerkt.',
    },
  },
  plus65werkt: {
    senderName: '65plus Werkt',
    senderAddress: 'noreply@65pluswerkt.example',
    primaryColour: '#2e7d32',
    footer: { nl: '65plus Werkt is een label van WinWinWerkt.', en: '65plus Werkt is a label of WinWinWerkt.' },
  },
  werkweb: {
    senderName: 'WerkWeb',
    senderAddress: 'noreply@werkweb.example',
    primaryColour: '#6a1b9a',
    footer: { nl: 'WerkWeb is een label van WinWinWerkt.', en: 'WerkWeb is a label of WinWinWerkt.' },
  },
  onbekendtalent: {
    senderName: 'Onbekend Talent',
    senderAddress: 'noreply@onbekendtalent.example',
    primaryColour: '#b34700',
    footer: { nl: 'Onbekend Talent is een label van WinWinWerkt.', en: 'Onbekend Talent is a label of WinWinWerkt.' },
  },
};

/** The statement's versions (1.1 May 2018, 1.2 August 2018, 1.3 November 2021); 1.3 is shown now. */
export const STATEMENT_VERSIONS = ['1.1', '1.2', '1.3'] as const;
export const CURRENT_STATEMENT_VERSION = '1.3';
