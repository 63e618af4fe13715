export interface TemplateProblem {
  readonly file: string;
  readonly reason: string;
}

/** Boot-time failure: every broken template at once, each with its file and the reason. */
export class MailTemplateError extends Error {
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(`Mail templates do not compile:\n  - ${problems.map((p) => `${p.file}: ${p.reason}`).join('\n  - ')}`);
    this.name = 'MailTemplateError';
  }
}

/** A sender asked for a template or brand the tenant (and the core) does not have: a programming error. */
export class UnknownTemplateError extends Error {
  constructor(tenant: string, what: string) {
    super(`Tenant "${tenant}" has no mail ${what}`);
    this.name = 'UnknownTemplateError';
  }
}

/** The variables a sender passed do not match the template's declaration: a programming error. */
export class MailVariablesError extends Error {
  constructor(template: string, problems: readonly string[]) {
    super(`Mail "${template}": ${problems.join('; ')}`);
    this.name = 'MailVariablesError';
  }
}
