import type { PolicySetting, Role } from '../../../plugin-api/src/index.js';
import { TenantSettingsService } from '../../../tenancy/src/index.js';
import { finishForm, FormProblems, input, type FieldView } from '../forms/form-model.js';
import { localised } from '../i18n/locales.js';
import type { PageContext, PageRoute } from '../http/page.js';
import { problemsOf } from './form-page.js';

const ADMIN: readonly Role[] = ['tenant-admin'];

/** A posted value as the API's JSON would carry it; anything unreadable stays text for the use case to refuse. */
function parsed(setting: PolicySetting, raw: string): unknown {
  if (setting.type === 'integer') return /^-?\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (setting.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function field(ctx: PageContext, setting: PolicySetting, value: string): FieldView {
  const label = localised(setting.label, ctx.locale, ctx.def);
  if (setting.type === 'integer')
    return input(setting.key, label, 'number', {
      value,
      min: String(setting.min),
      max: String(setting.max),
      inputmode: 'numeric',
      help: ctx.t('policies.bounds', { min: String(setting.min), max: String(setting.max), default: String(setting.default) }),
    });
  const options = setting.type === 'boolean' ? ['true', 'false'] : setting.options;
  return input(setting.key, label, 'select', {
    options: options.map((o) => ({ value: o, label: setting.type === 'boolean' ? ctx.t(`policies.${o}`) : o, selected: o === value })),
    help: ctx.t('policies.default', { default: String(setting.default) }),
  });
}

/**
 * The tenant's adjustable policies, within the bounds its definition declares (as `GET/PUT
 * /settings`): one form per policy, so a refused value changes nothing else; every change is
 * audited by the use case.
 */
async function policies(ctx: PageContext, posted?: { key: string; value: string; problems: FormProblems }) {
  const values = await ctx.services.get(TenantSettingsService).all();
  const forms = ctx.def.settings.map((s) => {
    const mine = posted?.key === s.key ? posted : undefined;
    const fields = [field(ctx, s, mine ? mine.value : String(values[s.key]))];
    const errors = finishForm(fields, mine?.problems ?? null, () => fields[0].label, ctx.locale);
    return { key: s.key, action: `${ctx.base}/admin/policies/${encodeURIComponent(s.key)}`, fields, errors };
  });
  const failed = forms.some((f) => f.errors.length);
  return ctx.render('pages/policies', ctx.t('policies.title'), { forms, errors: forms.flatMap((f) => f.errors) }, failed ? 422 : 200);
}

async function change(ctx: PageContext) {
  const key = ctx.params.key ?? '';
  const setting = ctx.def.settings.find((s) => s.key === key);
  const raw = ctx.form[key] ?? '';
  try {
    // An undeclared key is refused by the use case (404), as from the API.
    await ctx.services.get(TenantSettingsService).set(ctx.actor, key, setting ? parsed(setting, raw) : raw);
  } catch (err) {
    if (!setting) throw err;
    return policies(ctx, { key, value: raw, problems: problemsOf(err, ctx) });
  }
  return ctx.redirect('/admin/policies', 'policy-changed');
}

export const policiesPages: readonly PageRoute[] = [
  { method: 'GET', path: '/admin/policies', access: ADMIN, handler: (ctx) => policies(ctx) },
  { method: 'POST', path: '/admin/policies/:key', access: ADMIN, handler: change },
];
