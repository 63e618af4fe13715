import { tenantDefinitionProblems } from '../../../libs/plugin-api/src/index.js';
import { refugeeTalentPool } from '../refugee-talent-pool.tenant.js';

const fields = refugeeTalentPool.profile.fields;
const keys = (pick: (f: (typeof fields)[number]) => boolean) => fields.filter(pick).map((f) => f.key).sort();

/** Statement 000, "The personal data we process": the declaration says exactly what the statement lists. */
describe('statement 000: the refugee-talent-pool definition', () => {
  it('is a valid tenant definition, built on the plugin contract alone', () => {
    expect(tenantDefinitionProblems(refugeeTalentPool)).toEqual([]);
  });

  it('requires name, e-mail address and city/region/province, and nothing else', () => {
    expect(keys((f) => !!f.required)).toEqual(['email', 'name', 'province']);
  });

  it('keeps only the optional data the statement lists (text, phone, photo, CV, skills, languages, video)', () => {
    expect(keys((f) => !f.required && f.write.includes('self'))).toEqual(
      ['about', 'city', 'cv', 'education', 'functionalSkills', 'languages', 'phone', 'photo', 'socialSkills', 'video', 'workHistory'].sort(),
    );
  });

  it('shows identity and contact data only to the person, staff and a connected employer', () => {
    for (const key of ['name', 'email', 'phone', 'city', 'photo', 'video', 'cv']) {
      const f = fields.find((x) => x.key === key)!;
      expect({ key, read: [...f.read].sort(), identifying: f.identifying }).toEqual({
        key,
        read: ['employer-connected', 'self', 'staff'],
        identifying: true,
      });
    }
  });

  it('processes photo and video only with their own explicit, withdrawable consent', () => {
    for (const key of ['photo', 'video']) {
      const consent = refugeeTalentPool.consents.find((c) => c.key === fields.find((f) => f.key === key)!.consent)!;
      expect({ key: consent.key, asked: consent.asked, withdrawable: consent.withdrawable }).toEqual({ key, asked: 'once', withdrawable: true });
    }
  });

  it('asks the talent-pool consent once, and the per-employer consent each time', () => {
    const byKey = new Map(refugeeTalentPool.consents.map((c) => [c.key, c]));
    expect(refugeeTalentPool.visibility.candidateBank.requiresConsent).toBe('talentPool');
    expect(byKey.get('talentPool')!.asked).toBe('once');
    expect(refugeeTalentPool.visibility.connections).toEqual({ enabled: true, staffCanReadChat: true, consent: 'shareWithEmployer' });
    expect(byKey.get('shareWithEmployer')!.asked).toBe('per-use');
  });

  it('keeps jobseekers 18 months after the last interaction, with a reminder in each of the last six months', () => {
    const [schedule] = refugeeTalentPool.retention.filter((s) => s.personKind === 'jobseeker');
    expect(schedule).toMatchObject({ anchor: 'last-interaction', finalAt: { months: 18 }, finalAction: 'delete' });
    expect(schedule.respondedBy).toEqual(expect.arrayContaining(['link-click', 'sign-in']));
    expect(schedule.reminders).toEqual([
      { kind: 'once', at: { months: 12 }, template: 'retention-reminder-first' },
      { kind: 'repeat', from: { months: 13 }, every: { months: 1 }, times: 5, template: 'retention-reminder-monthly' },
    ]);
  });

  it('keeps business contacts until their contract ends', () => {
    const [schedule] = refugeeTalentPool.retention.filter((s) => s.personKind === 'employer-contact');
    expect(schedule).toMatchObject({ anchor: 'end-of-contract', finalAction: 'delete', reminders: [] });
  });

  it('declares every mail in English and Dutch', () => {
    expect(refugeeTalentPool.locales).toEqual(expect.arrayContaining(['en', 'nl']));
    expect(refugeeTalentPool.mail.templates.map((t) => t.key).sort()).toEqual(
      [
        'connection-accepted',
        'connection-request',
        'deletion-confirmation',
        'newsletter',
        'objection-received',
        'retention-reminder-first',
        'retention-reminder-monthly',
        'verify-email',
      ].sort(),
    );
  });

  it('has a demo jobseeker, employer and staff account with passwords that do not contain their name or address', () => {
    const accounts = refugeeTalentPool.demo!.accounts;
    for (const role of ['jobseeker', 'employer', 'staff'] as const) expect(accounts.some((a) => (a.roles as readonly string[]).includes(role))).toBe(true);
    for (const a of accounts) {
      expect(a.password.length).toBeGreaterThanOrEqual(12);
      expect(a.password.toLowerCase()).not.toContain(a.email.split('@')[0].toLowerCase());
      expect(a.password.toLowerCase()).not.toContain(a.displayName.toLowerCase());
    }
  });
});
