import type { TemplateDefinition } from '../../libs/plugin-api/src/index.js';

/**
 * Statement 002: "Daarnaast verwerken we deze gegevens om je, via mail, op de hoogte te houden van
 * de werking van VDAB." A category of its own (newsletter): every such mail carries the one-click
 * unsubscribe link, and an unsubscribed address gets none of them again, while mails the access
 * itself needs (the invitation) still arrive.
 */
export const vdabPartnersTemplates: readonly TemplateDefinition[] = [
  {
    key: 'service-update',
    category: 'newsletter',
    variables: ['name', 'title', 'message'],
    sample: { name: 'Koen', title: 'Nieuwe actietypes', message: 'Vanaf maart registreer je ook werkplekbezoeken in Mijn Loopbaan.' },
  },
];
