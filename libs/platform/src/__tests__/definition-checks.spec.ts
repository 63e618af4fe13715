import { TenantDefinitionError, type TenantDefinition } from '../../../plugin-api/src/index.js';
import { tenants } from '../../../../tenants/index.js';
import { assertValidTenants } from '../definition-checks.js';

const refugee = tenants.find((d) => d.key === 'refugee-talent-pool')!;

function problemsOf(def: TenantDefinition): string[] {
  try {
    assertValidTenants([def]);
    return [];
  } catch (e) {
    if (e instanceof TenantDefinitionError) return e.problems;
    throw e;
  }
}

/** The contract knows no capability; boot still refuses what a capability cannot run, because the platform adds each capability's check. */
describe('the capabilities check their own parts of a definition at boot', () => {
  it('accepts every registered tenant', () => {
    expect(() => assertValidTenants(tenants)).not.toThrow();
  });

  it('refuses a connection mail with other variables (connections) and a reminder needing a variable the engine does not fill (retention)', () => {
    const templates = refugee.mail.templates.map((t) =>
      t.key === 'connection-request' || t.key === 'retention-reminder-first'
        ? { ...t, variables: [...t.variables, 'iban'], sample: { ...t.sample, iban: 'NL00' } }
        : t,
    );
    const problems = problemsOf({ ...refugee, mail: { ...refugee.mail, templates } });
    expect(problems).toEqual([
      expect.stringMatching(/^visibility\.connections: template "connection-request" must declare exactly the variables/),
      expect.stringMatching(/^retention schedule "[^"]+": template "retention-reminder-first" needs variable "iban"/),
    ]);
  });
});
