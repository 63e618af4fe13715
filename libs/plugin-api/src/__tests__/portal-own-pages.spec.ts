import { tenantDefinitionProblems, type TenantDefinition } from '../index.js';
import { tenants } from '../../../../tenants/index.js';

const winwinwerkt = tenants.find((d) => d.key === 'winwinwerkt')!;
const withApplyPage = (applyPage: string, access?: 'public' | 'signed-in'): TenantDefinition =>
  ({
    ...winwinwerkt,
    portal: {
      ...winwinwerkt.portal,
      applyPage,
      pages: winwinwerkt.portal!.pages!.map((p) => (p.key === applyPage && access ? { ...p, access } : p)),
    },
  }) as TenantDefinition;

describe("a tenant's own pages in the contract: the apply page and the names of fields", () => {
  it('accepts a public page of the portal as the apply page (WinWinWerkt declares one)', () => {
    expect(winwinwerkt.portal?.applyPage).toBe('apply');
    expect(tenantDefinitionProblems(winwinwerkt)).toEqual([]);
  });

  it('refuses an apply page that is not one of the pages, or that a visitor of a vacancy cannot open', () => {
    expect(tenantDefinitionProblems(withApplyPage('solliciteren'))).toContain('portal.applyPage "solliciteren" is not one of the portal\'s pages');
    expect(tenantDefinitionProblems(withApplyPage('apply', 'signed-in'))).toContain(
      'portal.applyPage "apply" must be a public page: every visitor of a vacancy is sent there',
    );
  });

  it("refuses a field's summary label that is no message key of the portal's texts", () => {
    const def = {
      ...winwinwerkt,
      portal: { ...winwinwerkt.portal, pages: winwinwerkt.portal!.pages!.map((p) => (p.key === 'apply' ? { ...p, fieldLabels: { motivation: 'www.nowhere' } } : p)) },
    } as TenantDefinition;
    expect(tenantDefinitionProblems(def)).toContain('portal page "apply": the label of field "motivation" is no message key of portal.texts ("www.nowhere")');
  });

  it('refuses a page limited to a site that is not one of the tenant\'s labels', () => {
    const def = {
      ...winwinwerkt,
      portal: { ...winwinwerkt.portal, pages: winwinwerkt.portal!.pages!.map((p) => (p.key === 'etalage' ? { ...p, labels: ['onbekendtalent', 'nergens'] } : p)) },
    } as TenantDefinition;
    expect(tenantDefinitionProblems(def)).toEqual(['portal page "etalage": "nergens" is not a label of the tenant']);
  });

  it('refuses an upload without a field name, a size within bounds, or an action to receive it', () => {
    const hallowerk = tenants.find((d) => d.key === 'hallowerk')!;
    const def = {
      ...hallowerk,
      portal: {
        ...hallowerk.portal,
        pages: hallowerk.portal!.pages!.map((p) => (p.key === 'import' ? { ...p, actions: {}, upload: { field: '', maxBytes: 0, kind: 'binary' } } : p)),
      },
    } as unknown as TenantDefinition;
    expect(tenantDefinitionProblems(def)).toEqual(
      expect.arrayContaining([
        'portal page "import": upload.field must be a form field name',
        'portal page "import": upload.maxBytes must be a whole number of bytes from 1 to 20 MB',
        'portal page "import": upload.kind must be text or document',
        'portal page "import": an upload needs an action to receive it',
      ]),
    );
  });

  it('refuses a document upload without the types it accepts, and a download that is no function', () => {
    const vdab = tenants.find((d) => d.key === 'vdab-partners')!;
    const page = (over: Record<string, unknown>) =>
      ({ ...vdab, portal: { ...vdab.portal, pages: vdab.portal!.pages!.map((p) => (p.key === 'dossiers' ? { ...p, ...over } : p)) } }) as unknown as TenantDefinition;
    expect(tenantDefinitionProblems(vdab)).toEqual([]);
    expect(tenantDefinitionProblems(page({ upload: { field: 'file', maxBytes: 1000, kind: 'document' } }))).toEqual([
      'portal page "dossiers": upload.accept must list the accepted content types of a document (application/pdf)',
    ]);
    expect(tenantDefinitionProblems(page({ upload: { field: 'file', maxBytes: 1000, kind: 'document', accept: ['pdf'] } }))).toEqual([
      'portal page "dossiers": upload.accept must list the accepted content types of a document (application/pdf)',
    ]);
    expect(tenantDefinitionProblems(page({ upload: { field: 'file', maxBytes: 1000, kind: 'text', accept: ['application/pdf'] } }))).toEqual([
      'portal page "dossiers": upload.accept is for kind document only',
    ]);
    expect(tenantDefinitionProblems(page({ download: 'documents' }))).toEqual(['portal page "dossiers": download must be a function']);
  });

  it('refuses a further rule that is no function, or one on a public page (anonymous visitors are sent to sign in first)', () => {
    const vdab = tenants.find((d) => d.key === 'vdab-partners')!;
    const page = (over: Record<string, unknown>) =>
      ({ ...vdab, portal: { ...vdab.portal, pages: vdab.portal!.pages!.map((p) => (p.key === 'dossiers' ? { ...p, ...over } : p)) } }) as unknown as TenantDefinition;
    expect(tenantDefinitionProblems(page({ permits: () => Promise.resolve(true) }))).toEqual([]);
    expect(tenantDefinitionProblems(page({ permits: 'partner-admin' }))).toEqual(['portal page "dossiers": permits must be a function']);
    expect(tenantDefinitionProblems(page({ access: 'public', permits: () => Promise.resolve(true) }))).toEqual([
      'portal page "dossiers": permits needs an access rule that asks for an account (signed-in or roles)',
    ]);
  });
});
