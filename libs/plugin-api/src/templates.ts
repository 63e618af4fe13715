/** Mail categories: everything but transactional carries one-click unsubscribe (RFC 8058). */
export const MAIL_CATEGORIES = ['transactional', 'reminder', 'alert', 'notification', 'newsletter'] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

/**
 * A mail template declared by a tenant. Files live in the tenant folder as
 * `<dir>/<key>.<locale>.mjml` with a subject in `<key>.<locale>.subject.hbs`.
 */
export interface TemplateDefinition {
  readonly key: string;
  readonly category: MailCategory;
  /** Variables the sender provides; a template using any other fails at boot. */
  readonly variables: readonly string[];
  /** Sample values for previews and the boot-time render check. */
  readonly sample: Readonly<Record<string, unknown>>;
}

export interface MailBranding {
  readonly senderName: string;
  readonly senderAddress: string;
  readonly logoUrl?: string;
  readonly primaryColour: string;
  readonly footer: Readonly<Record<string, string>>;
}
