import { tenantDefinitionProblems, type TenantDefinition } from '../../../plugin-api/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import { connectionDefinitionProblems } from '../definition-check.js';

const refugee = tenants.find((d) => d.key === 'refugee-talent-pool')!;

function withConnections(patch: (d: TenantDefinition) => TenantDefinition): string[] {
  return tenantDefinitionProblems(patch(refugee), [connectionDefinitionProblems]).filter((p) => p.startsWith('visibility.connections'));
}

/** What a tenant must declare to switch connections on: the mails the capability sends, and a per-use consent. */
describe('the connections part of the tenant contract', () => {
  it('accepts a tenant that declares both mails with exactly the variables the capability provides', () => {
    expect(withConnections((d) => d)).toEqual([]);
  });

  it('names a missing mail, a mail in the wrong category and a mail with other variables', () => {
    const problems = withConnections((d) => ({
      ...d,
      mail: {
        ...d.mail,
        templates: d.mail.templates
          .filter((t) => t.key !== 'connection-accepted')
          .map((t) => (t.key === 'connection-request' ? { ...t, variables: ['name', 'respondUrl'], sample: { name: 'x', respondUrl: 'y' } } : t)),
      },
    }));
    expect(problems).toEqual([
      'visibility.connections: template "connection-request" must declare exactly the variables name, requesterName, respondUrl',
      'visibility.connections: template "connection-accepted" must be declared in category notification',
    ]);
  });

  it('refuses a sharing consent that is not asked per use', () => {
    const problems = withConnections((d) => ({
      ...d,
      consents: d.consents.map((c) => (c.key === 'shareWithEmployer' ? { ...c, asked: 'once' as const } : c)),
    }));
    expect(problems).toEqual(['visibility.connections: consent purpose "shareWithEmployer" must be declared and asked per-use']);
  });
});
