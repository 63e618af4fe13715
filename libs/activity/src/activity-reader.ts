import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../../audit/src/index.js';
import { RequestContext, type Actor } from '../../context/src/index.js';
import { TenantDb } from '../../database/src/index.js';
import type { ActivityDeclaration } from '../../plugin-api/src/index.js';
import { StaffReach } from '../../profiles/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ActivityLog, type ActivityEventRow } from './activity-log.js';

/** What the tenant records, in words a person can check against the statement. */
export interface ActivityRecorded {
  readonly signIns: boolean;
  /** Template keys of the mails whose opens and clicks are recorded. */
  readonly mails: readonly string[];
  readonly keptDays: number;
  /** The nudge rules that may mail the person. */
  readonly nudges: readonly { readonly key: string; readonly atMostEveryDays: number }[];
}

export interface PersonActivity {
  /** Null where the tenant records no activity at all. */
  readonly recorded: ActivityRecorded | null;
  readonly events: readonly ActivityEventRow[];
  /** When each nudge rule last mailed the person. */
  readonly nudges: readonly { readonly rule: string; readonly lastSentAt: Date }[];
}

function recorded(a: ActivityDeclaration): ActivityRecorded {
  return {
    signIns: a.signIns,
    mails: [...a.trackedMails],
    keptDays: a.keepDays,
    nudges: (a.nudges ?? []).map((n) => ({ key: n.key, atMostEveryDays: n.atMostEveryDays })),
  };
}

/** A person's recorded activity, for themself and for the staff who support them. */
@Injectable()
export class ActivityReader {
  constructor(
    private readonly db: TenantDb,
    private readonly registry: TenantRegistry,
    private readonly log: ActivityLog,
    private readonly reach: StaffReach,
    private readonly audit: AuditService,
  ) {}

  /** The person's own: what is recorded, and every event still kept. */
  mine(personId: string): Promise<PersonActivity> {
    const declared = this.declared();
    return this.db.transaction(async (tx) => ({
      recorded: declared ? recorded(declared) : null,
      events: declared ? await this.log.forPerson(tx, personId) : [],
      nudges: declared ? await this.log.nudgesOf(tx, personId) : [],
    }));
  }

  /**
   * For staff who reach the person by the profile's own rule (their own org units, or a delegation
   * whose purpose the tenant lets read activity); anyone else is answered as for a person who does
   * not exist. Each read is audited.
   */
  forPerson(actor: Actor, personId: string): Promise<PersonActivity> {
    const declared = this.declared();
    if (!declared) throw new NotFoundException('This platform records no activity.');
    return this.db.transaction(async (tx) => {
      await this.reach.assert(tx, actor, personId, { delegatedPurposes: declared.staffDelegatedPurposes ?? [] });
      await this.audit.record({ action: 'activity.read', subjectType: 'person', subjectId: personId, details: {} }, tx);
      return { recorded: recorded(declared), events: await this.log.forPerson(tx, personId), nudges: await this.log.nudgesOf(tx, personId) };
    });
  }

  /** The platform tenant runs on no definition: it records nothing. */
  private declared(): ActivityDeclaration | undefined {
    const plugin = RequestContext.tenant().plugin;
    return this.registry.has(plugin) ? this.registry.get(plugin).activity : undefined;
  }
}
