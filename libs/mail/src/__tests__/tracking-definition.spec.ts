import { hallowerk } from '../../../../tenants/hallowerk/hallowerk.tenant.js';
import type { TenantDefinition } from '../../../plugin-api/src/index.js';
import { mailTrackingDefinitionProblems } from '../mail-tracking.js';

/** Mail's check of `activity.trackedMails`: a mail with a secret link (a core mail) is never tracked. */
describe('which mails a tenant may track', () => {
  it('accepts HalloWerk’s personal mails', () => {
    expect(mailTrackingDefinitionProblems(hallowerk)).toEqual([]);
  });

  it('refuses a core mail, even one the tenant restyles under the same key', () => {
    const restyled: TenantDefinition = {
      ...hallowerk,
      mail: { ...hallowerk.mail, templates: [...hallowerk.mail.templates, { key: 'account-invitation', category: 'transactional', variables: [], sample: {} }] },
      activity: { ...hallowerk.activity!, trackedMails: ['account-invitation', 'password-reset'] },
    };
    expect(mailTrackingDefinitionProblems(restyled)).toEqual([
      expect.stringMatching(/"account-invitation" is a core mail/),
      expect.stringMatching(/"password-reset" is a core mail/),
    ]);
  });
});
