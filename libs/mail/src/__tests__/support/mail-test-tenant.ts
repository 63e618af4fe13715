import { kandidatenbank } from '../../../../../tenants/kandidatenbank/kandidatenbank.tenant.js';
import type { PlatformEvents, TenantDefinition } from '../../../../plugin-api/src/index.js';

export type HardBounceEvent = PlatformEvents['mail.hard-bounce'];

/**
 * A test-only tenant on the example definition, with a brand of its own and a hard-bounce handler
 * that does what statement 003 promises: the person whose mail bounced is erased.
 */
export function mailTestTenant(key = 'mail-test'): { definition: TenantDefinition; hardBounces: HardBounceEvent[] } {
  const hardBounces: HardBounceEvent[] = [];
  const definition: TenantDefinition = {
    ...kandidatenbank,
    key,
    name: 'Mail test tenant',
    domains: [],
    demo: undefined,
    mail: {
      ...kandidatenbank.mail,
      brands: { techniek: { senderName: 'Techniek Banen', senderAddress: 'jobs@techniek.example', primaryColour: '#aa3300' } },
    },
    on: {
      'mail.hard-bounce': async (event, ctx) => {
        hardBounces.push(event);
        if (event.personId) await ctx.erasePerson(event.personId, 'mail bounced permanently');
      },
    },
  };
  return { definition, hardBounces };
}
