import { TenantDb, type TenantRef } from '../../../libs/tenant-host/src/index.js';
import { TestApp } from '../../../test/support/test-app.js';
import { SmtpCapture, decodeHtml, deliverMail, header, part } from '../../../test/support/workers.js';
import { HOSTS, mailsTo, on, registeredCandidate } from './winwinwerkt.fixture.js';

/**
 * Statement 003: "Deze Privacy-verklaring gaat over de dienstverlening van WinWinWerkt. Dit omvat
 * tevens de aparte websites van onze Partner LABELS." One tenant, several brand sites: the host a
 * request arrives on selects the label, the label's mail carries its look and sender, and a
 * candidate who uses two labels is one person.
 */
describe('statement 003: labels', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let tenant: TenantRef;

  beforeAll(async () => {
    smtp = await SmtpCapture.start();
    t = await TestApp.boot({ env: { SMTP_URL: smtp.url } });
    tenant = await t.createTenant('winwinwerkt');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const delivered = async (address: string) => {
    await deliverMail(t, tenant);
    const [mail] = smtp.to(address).slice(-1);
    return { from: header(mail.raw, 'From') ?? '', html: decodeHtml(part(mail.raw, 'text/html') ?? ''), text: part(mail.raw, 'text/plain') ?? '' };
  };

  it('two labels on two host names: each one\'s mail carries its own sender, colour and footer', async () => {
    const mkb = await registeredCandidate(t, tenant, HOSTS.mkb);
    const ot = await registeredCandidate(t, tenant, HOSTS.onbekendTalent);
    const [mkbVerify] = await mailsTo(t, tenant, mkb.email, 'verify-email');
    const [otVerify] = await mailsTo(t, tenant, ot.email, 'verify-email');
    expect(mkbVerify.brand).toBe('vacatureservicemkb');
    expect(otVerify.brand).toBe('onbekendtalent');

    const a = await delivered(mkb.email);
    expect(a.from).toContain('noreply@vacatureservicemkb.example');
    expect(a.from).toContain('Vacature Service MKB');
    expect(a.html.toLowerCase()).toContain('#1d5fa8');
    expect(a.text).toContain('Vacature Service MKB is een label van WinWinWerkt.');
    expect(a.html).not.toContain('Onbekend Talent');

    const b = await delivered(ot.email);
    expect(b.from).toContain('noreply@onbekendtalent.example');
    expect(b.html.toLowerCase()).toContain('#b34700');
    expect(b.text).toContain('Onbekend Talent is een label van WinWinWerkt.');
    expect(b.html).not.toContain('Vacature Service MKB');
  });

  it("WinWinWerkt's own host name sends in WinWinWerkt's own look", async () => {
    const own = await registeredCandidate(t, tenant, HOSTS.winwinwerkt);
    const [verify] = await mailsTo(t, tenant, own.email, 'verify-email');
    expect(verify.brand).toBeNull();
    const m = await delivered(own.email);
    expect(m.from).toContain('noreply@winwinwerkt.example');
  });

  it('a candidate who comes through a second label is one person, with one account and one profile', async () => {
    const first = await registeredCandidate(t, tenant, HOSTS.mkb);
    // Registering again on another label's site is answered the same and creates nobody new.
    const again = await on(t, tenant, HOSTS.plus65).post('/profiles/register', { email: first.email, fields: { firstName: 'X', lastName: 'Y' } });
    expect(again.status).toBe(202);
    await t.settled();
    const accepted = await on(t, tenant, HOSTS.plus65).post('/winwinwerkt/me/statement-acceptances', { version: '1.3', occasion: 'application' }, first.token);
    expect(accepted.status).toBe(201);
    expect(accepted.body.label).toBe('plus65werkt');
    const rows = await t.get(TenantDb).forTenant(tenant, async (tx) => ({
      accounts: await tx.query(`SELECT id FROM accounts WHERE tenant_id = $1 AND email = $2`, [tx.tenantId, first.email]),
      profiles: await tx.query(`SELECT id FROM profiles WHERE tenant_id = $1 AND id = $2`, [tx.tenantId, first.id]),
      candidates: await tx.query<{ label: string }>(`SELECT label FROM winwinwerkt_candidates WHERE tenant_id = $1 AND person_id = $2`, [tx.tenantId, first.id]),
      acceptances: await tx.query<{ label: string; version: string; occasion: string }>(
        `SELECT label, version, occasion FROM winwinwerkt_statement_acceptances WHERE tenant_id = $1 AND person_id = $2 ORDER BY accepted_at, occasion DESC`,
        [tx.tenantId, first.id],
      ),
    }));
    expect(rows.accounts).toHaveLength(1);
    expect(rows.profiles).toHaveLength(1);
    expect(rows.candidates).toEqual([{ label: 'plus65werkt' }]);
    expect(rows.acceptances).toEqual([
      { label: 'vacatureservicemkb', version: '1.3', occasion: 'registration' },
      { label: 'plus65werkt', version: '1.3', occasion: 'application' },
    ]);
  });

  it('records only the version of the statement shown now; another version is a 400 naming the field', async () => {
    const c = await registeredCandidate(t, tenant, HOSTS.werkweb);
    const res = await on(t, tenant, HOSTS.mkb).post('/winwinwerkt/me/statement-acceptances', { version: '1.1', occasion: 'registration' }, c.token);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
  });
});
