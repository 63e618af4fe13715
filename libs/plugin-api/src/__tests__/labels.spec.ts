import { assertValidRegistry, labelForHost, tenantDefinitionProblems, type TenantDefinition } from '../index.js';
import { tenants } from '../../../../tenants/index.js';

const winwinwerkt = tenants.find((d) => d.key === 'winwinwerkt')!;
const base = tenants.find((d) => d.key === 'kandidatenbank')!;

/** A tenant with two labels, on kandidatenbank's otherwise valid declaration. */
function withLabels(labels: TenantDefinition['labels'], brands: Record<string, object> = { alpha: { senderName: 'Alpha' }, beta: { senderName: 'Beta' } }): TenantDefinition {
  return { ...base, labels, mail: { ...base.mail, brands } } as TenantDefinition;
}

describe('labels in the contract (statement 003: one tenant, several brand sites)', () => {
  it("finds the label of a request's host name, in any case, with a port or as a subdomain; the tenant's own host has none", () => {
    expect(labelForHost(winwinwerkt, 'VacatureServiceMKB.localhost:3000')?.key).toBe('vacatureservicemkb');
    expect(labelForHost(winwinwerkt, 'onbekendtalent.localhost')?.name).toBe('Onbekend Talent');
    expect(labelForHost(winwinwerkt, 'www.werkweb.localhost')?.key).toBe('werkweb');
    expect(labelForHost(winwinwerkt, 'notwerkweb.localhost')).toBeNull();
    expect(labelForHost(winwinwerkt, 'winwinwerkt.localhost')).toBeNull();
    expect(labelForHost(winwinwerkt, undefined)).toBeNull();
    expect(labelForHost(base, 'vacatureservicemkb.localhost')).toBeNull();
  });

  it('accepts labels that each have a mail brand and their own host names', () => {
    const ok = withLabels([
      { key: 'alpha', name: 'Alpha', domains: ['alpha.localhost'] },
      { key: 'beta', name: 'Beta', domains: ['beta.localhost', 'www.beta.localhost'] },
    ]);
    expect(tenantDefinitionProblems(ok)).toEqual([]);
  });

  it('refuses a label without mail brand, a host name used twice or taken by the tenant, and malformed keys and hosts', () => {
    const bad = withLabels([
      { key: 'alpha', name: 'Alpha', domains: ['alpha.localhost', base.domains![0]] },
      { key: 'gamma', name: ' ', domains: ['alpha.localhost'] },
      { key: 'Beta', name: 'Beta', domains: ['Beta.localhost:80'] },
      { key: 'alpha', name: 'Alpha again', domains: [] },
    ]);
    const problems = tenantDefinitionProblems(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        `label "alpha": ${base.domains![0]} is also a tenant domain`,
        'label "gamma": name is required',
        'label "gamma": no mail brand "gamma" in mail.brands (a label\'s mail carries its own look and sender)',
        'label "gamma": alpha.localhost is also a host name of label "alpha"',
        'label "Beta": key must be a lower-case slug',
        'label "Beta": "Beta.localhost:80" is not a lower-case host name without port',
        'label "alpha": declared twice',
        'label "alpha": needs at least one host name',
      ]),
    );
  });

  it('refuses two tenants that claim the same label host name', () => {
    const other = { ...withLabels([{ key: 'alpha', name: 'Alpha', domains: ['vacatureservicemkb.localhost'] }]), key: 'other-tenant', domains: ['other.localhost'] };
    expect(() => assertValidRegistry([winwinwerkt, other as TenantDefinition])).toThrow(/vacatureservicemkb\.localhost is claimed twice/);
  });
});
