import { join } from 'node:path';
import { TestApp } from '../../../../test/support/test-app.js';
import { MailTemplateError } from '../mail-template.errors.js';
import { tenantWithFile } from './support/tenant-with-file.js';

// Its own file: a failed boot leaves process-wide state (the sign-in strategy) behind.
describe('booting with a broken mail template', () => {
  it('stops the boot, naming the file, the line and the reason', async () => {
    const def = tenantWithFile('profile-reconfirm.en.mjml', '<mj-section>\n  <mj-column>\n    <mj-bogus>x</mj-bogus>\n  </mj-column>\n</mj-section>\n');
    const boot = TestApp.boot({ tenants: [def], env: { DATABASE_POOL_SIZE: '1' } });
    await expect(boot).rejects.toBeInstanceOf(MailTemplateError);
    await expect(boot).rejects.toThrow(
      `${join(def.mail.templatesDir, 'profile-reconfirm.en.mjml')}: line 3 (mj-bogus): Element mj-bogus doesn't exist or is not registered`,
    );
  });
});
