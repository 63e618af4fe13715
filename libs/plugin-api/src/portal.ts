import type { Localised } from './fields.js';
import type { Role } from './roles.js';

/**
 * The tenant's accessibility statement (toegankelijkheidsverklaring, Besluit digitale
 * toegankelijkheid overheid): the portal publishes it at /t/<tenant>/accessibility.
 */
export interface AccessibilityStatementDeclaration {
  /** The organisation responsible for the site, as it appears in the statement. */
  readonly organisation: string;
  /** Status under EN 301 549 / WCAG 2.1 AA. */
  readonly status: 'compliant' | 'partially-compliant' | 'non-compliant';
  /** Date of the statement (YYYY-MM-DD). */
  readonly statementDate: string;
  /** How compliance was established (audit, self-evaluation and its tools). */
  readonly evaluation?: Localised;
  /** Known problems and what is done about them. */
  readonly knownIssues?: readonly Localised[];
  /** Where to report an accessibility problem, and how quickly the organisation answers. */
  readonly contact: { readonly email: string; readonly responseDays?: number };
}

/** What a tenant's own page may ask of the platform while it loads or handles a form. */
export interface PortalPageContext {
  readonly locale: string;
  readonly accountId: string | null;
  readonly roles: readonly Role[];
  /** The caller's organisation units (a partner's organisation, an employer), as the session holds them. */
  readonly orgUnitIds: readonly string[];
  readonly query: Readonly<Record<string, string>>;
  /** The posted form (text fields only), on actions. */
  readonly form: Readonly<Record<string, string>>;
  /** A provider of the tenant's own module (or a service the tenant module may use). */
  service<T>(token: abstract new (...args: never[]) => T): T;
  /** The file of a form posted with the page's `upload` of kind `text` (its name as sent, its content as text). */
  readonly file?: { readonly name: string; readonly text: string };
  /**
   * The file of a form posted with the page's `upload` of kind `document`: its name as sent (or the
   * field's name with the detected extension), its bytes, and its type as judged by those bytes.
   */
  readonly document?: { readonly name: string; readonly bytes: Buffer; readonly contentType: string };
}

/**
 * A page whose form sends a file (a CSV to import, a document to attach): posted as multipart to
 * `/x/<key>/upload?_csrf=<token>` (the view has `uploadAction` for it; more query parameters may
 * follow, and reach the action and the page again as `ctx.query`), read within `maxBytes`, and
 * handed to the action as `ctx.file` (kind `text`) or `ctx.document` (kind `document`) with the
 * form's other fields in `ctx.form`.
 */
export interface PortalUploadDeclaration {
  /** The name of the form's file input. */
  readonly field: string;
  readonly maxBytes: number;
  /**
   * What the file must be, judged by its bytes: UTF-8 text (a CSV, say), or a document of one of
   * the `accept` types (a PDF, an image).
   */
  readonly kind: 'text' | 'document';
  /** For kind `document`: the content types accepted, judged by the file's bytes (`application/pdf`). */
  readonly accept?: readonly string[];
}

/** A file a page hands to the browser as a download. */
export interface PortalDownload {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** The name the browser saves it under. */
  readonly fileName: string;
}

/** After an action: where to go next and which message to show there (a key of the tenant's texts). */
export interface PortalActionResult {
  readonly redirect?: string;
  readonly notice?: string;
  /**
   * The page again (200) with this data added, instead of a redirect: a report of what the action
   * did (an import's row by row outcome). Only for actions a repeated post cannot harm.
   */
  readonly show?: Readonly<Record<string, unknown>>;
}

/**
 * A page a tenant adds to its portal, served at /t/<tenant>/x/<key> inside the platform's layout
 * (branding, navigation, languages, cookie choice, CSRF and the access rule are the platform's).
 */
export interface PortalPageDeclaration {
  readonly key: string;
  readonly title: Localised;
  /** Handlebars file in the tenant's `portal.viewsDir`; it fills the main area of the layout. */
  readonly view: string;
  /** Who may open it: anyone, any signed-in account, or accounts holding one of these roles. */
  readonly access: 'public' | 'signed-in' | readonly Role[];
  /**
   * A further rule of the tenant on top of `access`, for a right that is no role (a partner
   * organisation's admin, named in the tenant's own table): a signed-in account it does not permit
   * gets 403 on the page, its forms, upload and download, as for a role it lacks, and does not see
   * the page in the menu. The page's use cases still check the right themselves.
   */
  readonly permits?: (ctx: PortalPageContext) => Promise<boolean>;
  /** Listed in the navigation of those who may open it. */
  readonly nav?: boolean;
  /**
   * Only on the sites of these labels (keys of the tenant's `labels`): on every other site of the
   * tenant the page is not in the menu and does not exist (404). Without it, on every site.
   */
  readonly labels?: readonly string[];
  /** The view's data; runs with the request's tenant and actor in context. */
  readonly load?: (ctx: PortalPageContext) => Promise<Record<string, unknown>>;
  /**
   * Form posts to the page, by the value of the form's `_action` field. CSRF is checked first. An
   * action that throws a `ValidationProblem` gets its page again (422) with `problems` (message
   * by field name), `errors` (the summary) and the posted `form`, so each message shows next to
   * its input and nothing typed is lost.
   */
  readonly actions?: Readonly<Record<string, (ctx: PortalPageContext) => Promise<PortalActionResult | void>>>;
  /**
   * How the error summary names each form field, by field name: a message key of the tenant's
   * texts (the field's label), so a person reads "Motivatie: ..." rather than the field's code name.
   */
  readonly fieldLabels?: Readonly<Record<string, string>>;
  readonly upload?: PortalUploadDeclaration;
  /**
   * A file to download from the page, served at `GET /x/<key>/download?<query>` (the view has
   * `downloadAction` for it) under the page's access rule, with the query in `ctx.query`: sent as
   * an attachment, never cached. A `NotFoundException` (no such file, or none for this caller) is
   * the platform's 404 page.
   */
  readonly download?: (ctx: PortalPageContext) => Promise<PortalDownload>;
  /**
   * A form that mails an address typed into it (applying without an account, writing to a coach):
   * its posts are limited per client and per `email` as registration is, on the page as on the API.
   */
  readonly rateLimit?: 'registration';
}

/**
 * The tenant's web portal: everything but the pages the platform itself serves (registration,
 * profile, vacancies, search, connections, staff pages) comes from here.
 */
export interface PortalDeclaration {
  /**
   * Languages of the portal's pages, in the order offered. Mail keeps `locales`; a page language
   * without mail templates mails in the tenant's default locale. Texts the platform lacks in a
   * language fall back to English.
   */
  readonly locales?: readonly string[];
  /** Words of the home page, per locale. */
  readonly intro?: Localised;
  /** Texts per locale that replace or add to the platform's portal texts, by message key. */
  readonly texts?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Absolute folder with the Handlebars views of the tenant's own pages. */
  readonly viewsDir?: string;
  /**
   * Labels: host names that show one of the tenant's mail brands (`mail.brands`) instead of the
   * tenant's own branding, so each label's site looks like itself.
   */
  readonly labels?: readonly { readonly brand: string; readonly domains: readonly string[] }[];
  readonly accessibility?: AccessibilityStatementDeclaration;
  readonly pages?: readonly PortalPageDeclaration[];
  /**
   * The key of one of `pages` that replaces the platform's apply form, for a tenant whose applying
   * asks more than a motivation (a statement to accept, a question per application) or lets people
   * apply without an account. Every vacancy page links to it as `/x/<key>?vacancy=<id>`, for
   * everyone, and the platform's own apply form sends there, so no way round the tenant's questions
   * is left on the site.
   */
  readonly applyPage?: string;
}
