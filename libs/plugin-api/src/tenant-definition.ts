import type { ConsentPurpose } from './consent.js';
import type { RightsDeclaration } from './rights.js';
import type { FieldDefinition, Localised } from './fields.js';
import type { PersonKind, RetentionSchedule } from './retention.js';
import type { Role, OrgUnitKind } from './roles.js';
import type { PolicySetting } from './settings.js';
import type { MailBranding, TemplateDefinition } from './templates.js';
import type { VisibilityRules } from './visibility.js';
import type { PortalDeclaration } from './portal.js';
import type { LabelDeclaration } from './labels.js';
import type { ProcessingDeclaration } from './processing-activities.js';
import type { ActivityDeclaration } from './activity.js';

/** Events the platform emits that a tenant may act on. */
export interface PlatformEvents {
  /** A mail to this address bounced permanently (statement 003: the profile is then deleted). */
  'mail.hard-bounce': { readonly address: string; readonly personId: string | null; readonly personKind: PersonKind | null };
  /** A person objected to processing; statement 000 routes it to staff. */
  'person.objection': { readonly personId: string; readonly reason: string };
}

/** What a tenant's event handler may ask of the platform: narrow on purpose. */
export interface PluginContext {
  readonly tenantId: string;
  readonly now: Date;
  erasePerson(personId: string, reason: string): Promise<void>;
  log(message: string, details?: Record<string, unknown>): void;
}

export type EventHandlers = {
  readonly [E in keyof PlatformEvents]?: (event: PlatformEvents[E], ctx: PluginContext) => Promise<void>;
};

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** Key of a demo org unit the account belongs to. */
  readonly orgUnit?: string;
  /**
   * A jobseeker's pre-filled profile (statement 004: the municipality fills it in), under the
   * account's org unit, validated like any write; `listed` activates it, `visibleToEmployers`
   * (default true) is the person's switch.
   */
  readonly profile?: {
    readonly fields: Readonly<Record<string, unknown>>;
    readonly listed?: boolean;
    readonly visibleToEmployers?: boolean;
  };
}

/** A published vacancy of a demo employer, so a newcomer can apply right after `npm start`. */
export interface DemoVacancy {
  /** Key of the demo employer org unit. */
  readonly orgUnit: string;
  readonly title: string;
  readonly description: string;
  readonly city: string;
  readonly hours: { readonly min: number; readonly max: number };
  readonly contractType: string;
  readonly educationLevel: string;
  /** The label (brand site) it is published on, one of `labels`; left out, the tenant's own site. */
  readonly label?: string;
}

/** What a tenant's demo seeder gets: the ids of the demo org units (by key) and accounts (by address). */
export interface TenantDemoContext {
  readonly orgUnits: ReadonlyMap<string, string>;
  readonly accounts: ReadonlyMap<string, string>;
}

/** A published demo secret the seeder created (a machine credential), printed at start-up like the demo passwords. */
export interface DemoSecret {
  readonly label: string;
  readonly secret: string;
}

/**
 * A provider of the tenant's own module that writes its demo data into its own tables, after the
 * core's org units and accounts exist (statement 002: assignments, dossiers, machine credentials).
 * It runs in the tenant's context at every `npm start` and must leave what exists alone.
 */
export interface TenantDemoSeeder {
  seed(ctx: TenantDemoContext): Promise<readonly DemoSecret[]>;
}

export interface DemoOrgUnit {
  readonly key: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly parent?: string;
  readonly candidateBankAccess?: boolean;
}

/**
 * Everything a tenant plugs into the platform, in one typed declaration. The platform validates it
 * at boot and refuses an incomplete or contradictory one with a message naming the tenant.
 */
export interface TenantDefinition {
  /** Stable slug; also the default tenant key and the API header value. */
  readonly key: string;
  readonly name: string;
  /** Which privacy statement this tenant implements (file in shared/seeds). */
  readonly statement: string;
  readonly locales: readonly string[];
  readonly defaultLocale: string;
  /** Host names served as this tenant (for the demo and the docker-compose setup). */
  readonly domains?: readonly string[];
  /**
   * Brand sites of one tenant over its one database (statement 003), each on its own host names
   * with its own mail brand. The request's host selects the label (`labelForHost`); mail enqueued
   * while serving it carries the label's brand unless the sender names another.
   */
  readonly labels?: readonly LabelDeclaration[];
  readonly profile: {
    readonly fields: readonly FieldDefinition[];
    /** Prefix of the alias shown instead of a name while identity is hidden. */
    readonly aliasPrefix: Localised;
    /** Upload limit per document, in bytes. */
    readonly maxDocumentBytes: number;
  };
  readonly visibility: VisibilityRules;
  /**
   * How jobseeker accounts come to exist. `selfRegistration: false`: only the tenant's own
   * organisation creates them (statement 004: the municipality creates and pre-fills every
   * account), and the public sign-up is refused. Unset: people register themselves.
   */
  readonly accounts?: { readonly selfRegistration: boolean };
  readonly consents: readonly ConsentPurpose[];
  readonly retention: readonly RetentionSchedule[];
  readonly mail: {
    /** Absolute folder with `<key>.<locale>.mjml` and `<key>.<locale>.subject.hbs` files. */
    readonly templatesDir: string;
    readonly templates: readonly TemplateDefinition[];
    readonly branding: MailBranding;
    /**
     * Per-brand overrides of the branding (a tenant with several labels); a mail sent with
     * `brand` uses the tenant branding with these values on top.
     */
    readonly brands?: Readonly<Record<string, Partial<MailBranding>>>;
  };
  readonly settings: readonly PolicySetting[];
  /** Data-subject requests: who decides and any promise shorter than the law's month. */
  readonly rights?: RightsDeclaration;
  /**
   * The tenant's own processing activities for the register, and the activity of every audit
   * action its module writes (core actions carry the core's). Left out: the module writes none.
   */
  readonly processing?: ProcessingDeclaration;
  /** Sign-ins and opens and clicks of personal mails recorded, and nudge mails (see ActivityDeclaration). Left out: none. */
  readonly activity?: ActivityDeclaration;
  /**
   * Vacancy alerts for people without an account (they leave a name and an address). `enabled:
   * true` offers them; any alert mail the tenant does not declare comes from the core defaults.
   * Left out, alerts are offered only by a tenant that declares every alert mail itself. Core
   * default mails never switch alerts on by themselves: collecting subscribers is a purpose the
   * tenant's privacy statement has to name.
   */
  readonly vacancyAlerts?: { readonly enabled: boolean };
  /** The tenant's own NestJS module (routes, entities, providers), built only on the public API. */
  readonly module?: unknown;
  readonly entities?: readonly Function[];
  readonly migrations?: readonly (new () => unknown)[];
  readonly on?: EventHandlers;
  /** The tenant's web portal: page languages, texts, labels, accessibility statement and own pages. */
  readonly portal?: PortalDeclaration;
  readonly demo?: {
    readonly orgUnits: readonly DemoOrgUnit[];
    readonly accounts: readonly DemoAccount[];
    readonly vacancies?: readonly DemoVacancy[];
    /** A provider class of the tenant's `module` that seeds the tenant's own tables (TenantDemoSeeder). */
    readonly seeder?: abstract new (...args: never[]) => TenantDemoSeeder;
  };
}

/** Identity function that gives a tenant folder type checking of its declaration. */
export function defineTenant<const T extends TenantDefinition>(definition: T): T {
  return definition;
}
