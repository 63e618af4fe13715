import { randomUUID } from 'node:crypto';
import type { PortalPageContext, PortalPageDeclaration } from '../../libs/plugin-api/src/index.js';
import { assertValidBody, OrgUnitsService } from '../../libs/tenant-host/src/index.js';
import { CredentialsService } from './vdab-partners.credentials.service.js';
import { AccountRequestDto, CredentialFormDto } from './vdab-partners.dto.js';
import { actorOf, idOf } from './vdab-partners.page-context.js';
import { PartnerStaffService } from './vdab-partners.staff.service.js';

/**
 * The pages of the partner environment's administration, on the same services and with the same
 * actor as the API's routes (`OrganisationStaffController`, `CredentialsController`,
 * `AccountRequestsController`), so the organisation scoping, role checks and audit entries are the
 * API's own: an id of another organisation's member or credential is answered as an unknown one.
 */

/** The partner admin's right is no role but a row of `vdab_partner_admins`: asked at every request, as the API does. */
const partnerAdmin = (ctx: PortalPageContext) => ctx.service(PartnerStaffService).administers(actorOf(ctx));

const STATUS_KEYS: Readonly<Record<string, string>> = {
  active: 'vdab.staff.status-active',
  pending: 'vdab.staff.status-pending',
  disabled: 'vdab.staff.status-revoked',
};

/** `GET /vdab/organisation/staff`: the admin's own organisation's partner staff. */
async function loadStaff(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const members = await ctx.service(PartnerStaffService).staff(actorOf(ctx));
  return {
    members: members.map((m) => ({
      ...m,
      statusKey: m.status === 'active' && m.invited ? 'vdab.staff.status-invited' : (STATUS_KEYS[m.status] ?? 'vdab.staff.status-active'),
      self: m.id === ctx.accountId,
      // Revoking oneself would lock the organisation's admin out; the API allows it, the page offers it for the others.
      revocable: m.status !== 'disabled' && m.id !== ctx.accountId,
    })),
  };
}

/** `POST /vdab/organisation/staff/:accountId/revoke`: another organisation's member is a 404, as over the API. */
async function revokeStaff(ctx: PortalPageContext) {
  await ctx.service(PartnerStaffService).revoke(actorOf(ctx), idOf(ctx.form.accountId));
  return { redirect: '/x/organisation-staff', notice: 'staff-revoked' };
}

/** `GET /vdab/credentials`: label and dates only; the secret is never stored, so never listed. */
async function loadCredentials(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const credentials = await ctx.service(CredentialsService).list(actorOf(ctx));
  // Each rendering of the form gets its own key, so a reload of the answer page is one credential.
  return { credentials, formKey: randomUUID() };
}

/**
 * `POST /vdab/credentials`: the secret is on the page that answers the form and nowhere else
 * (answers are never cached). A reload of that page posts the same form key again: it shows that
 * the credential exists and makes no second one.
 */
async function createCredential(ctx: PortalPageContext) {
  const input = { label: ctx.form.label ?? '', formKey: ctx.form.formKey ?? '' };
  assertValidBody(CredentialFormDto, input);
  const created = await ctx.service(CredentialsService).create(actorOf(ctx), input.label.trim(), input.formKey);
  if (created.repeated) return { show: { repeated: { label: created.label } } };
  return { show: { created: { label: created.label, secret: created.secret } } };
}

/** `POST /vdab/credentials/:credentialId/revoke`: another organisation's credential is a 404. */
async function revokeCredential(ctx: PortalPageContext) {
  await ctx.service(CredentialsService).revoke(actorOf(ctx), idOf(ctx.form.credentialId));
  return { redirect: '/x/credentials', notice: 'credential-revoked' };
}

/** Which organisation a request goes out for: the partner's own, as `PartnerStaffService.request` decides. */
async function loadColleagueRequest(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const me = await ctx.service(PartnerStaffService).me(actorOf(ctx));
  return { organisation: me.organisation };
}

/** `POST /vdab/account-requests`: any partner, for a colleague of the own organisation. */
async function requestAccount(ctx: PortalPageContext) {
  const input = { email: (ctx.form.email ?? '').trim(), displayName: ctx.form.displayName ?? '' };
  assertValidBody(AccountRequestDto, input);
  await ctx.service(PartnerStaffService).request(actorOf(ctx), { email: input.email, displayName: input.displayName.trim() });
  return { redirect: '/x/colleague-request', notice: 'account-requested' };
}

/** `GET /vdab/account-requests`: the queue the service decides, oldest first, with the organisation's name. */
async function loadQueue(ctx: PortalPageContext): Promise<Record<string, unknown>> {
  const pending = (await ctx.service(PartnerStaffService).pending()) as {
    id: string;
    organisationId: string;
    email: string;
    displayName: string;
    requestedAt: Date;
  }[];
  const names = new Map((await ctx.service(OrgUnitsService).list()).map((u) => [u.id, u.name]));
  return { requests: pending.map((r) => ({ ...r, organisation: names.get(r.organisationId) ?? r.organisationId })) };
}

/** Approve (the account is created and invited) or refuse: `POST /vdab/account-requests/:id/approve|refuse`. */
const decide = (decision: 'approved' | 'refused') => async (ctx: PortalPageContext) => {
  await ctx.service(PartnerStaffService).decide(idOf(ctx.form.requestId), decision);
  return { redirect: '/x/account-requests', notice: decision === 'approved' ? 'request-approved' : 'request-refused' };
};

export const vdabAdminPages: readonly PortalPageDeclaration[] = [
  {
    key: 'organisation-staff',
    title: { nl: 'Medewerkers van uw organisatie', en: "Your organisation's staff" },
    view: 'organisation-staff.hbs',
    access: ['partner'],
    permits: partnerAdmin,
    nav: true,
    load: loadStaff,
    actions: { revoke: revokeStaff },
  },
  {
    key: 'credentials',
    title: { nl: 'Sleutels voor systemen', en: 'Machine credentials' },
    view: 'credentials.hbs',
    access: ['partner'],
    permits: partnerAdmin,
    nav: true,
    load: loadCredentials,
    actions: { create: createCredential, revoke: revokeCredential },
    fieldLabels: { label: 'vdab.credentials.label' },
  },
  {
    key: 'colleague-request',
    title: { nl: 'Account aanvragen voor een collega', en: 'Request an account for a colleague' },
    view: 'colleague-request.hbs',
    access: ['partner'],
    nav: true,
    load: loadColleagueRequest,
    actions: { request: requestAccount },
    fieldLabels: { email: 'vdab.request.email', displayName: 'vdab.request.display-name' },
  },
  {
    key: 'account-requests',
    title: { nl: 'Accountaanvragen', en: 'Account requests' },
    view: 'account-requests.hbs',
    access: ['staff'],
    nav: true,
    load: loadQueue,
    actions: { approve: decide('approved'), refuse: decide('refused') },
    // Approving checks the address again (one account per address): the summary names it.
    fieldLabels: { email: 'vdab.request.email' },
  },
];
