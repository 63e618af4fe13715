import { type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { PortalClient } from '../../../test/support/workers.js';
import { HOSTS } from './winwinwerkt.fixture.js';

/** The portal's pages look like the label whose host name they are served on, as its mail does. */
describe('statement 003: label sites in the portal', () => {
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    t = await TestApp.boot();
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(() => t?.close());

  const colour = (html: string) => /--portal-brand:(#[0-9a-f]{6})/.exec(html)?.[1];

  it("each label's host shows its own name and colour; WinWinWerkt's own host shows WinWinWerkt", async () => {
    const mkb = await new PortalClient(t, tenant.key, HOSTS.mkb).get('/');
    const ot = await new PortalClient(t, tenant.key, HOSTS.onbekendTalent).get('/');
    const own = await new PortalClient(t, tenant.key, HOSTS.winwinwerkt).get('/');
    expect(mkb.text).toContain('>Vacature Service MKB</a>');
    expect(ot.text).toContain('>Onbekend Talent</a>');
    expect(own.text).toContain('>WinWinWerkt</a>');
    expect(new Set([colour(mkb.text), colour(ot.text), colour(own.text)]).size).toBe(3);
  });
});
