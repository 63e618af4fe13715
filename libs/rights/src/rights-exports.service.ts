import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { TenantDb, type TenantTx } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/audit.service.js';
import { DeferredWork } from '../../auth/src/deferred-work.js';
import { AppConfig } from '../../config/src/app-config.js';
import { Clock } from '../../config/src/clock.js';
import { RequestContext } from '../../context/src/index.js';
import { ErasureService } from '../../privacy/src/erasure.service.js';
import { TenantRegistry } from '../../tenancy/src/tenant-registry.js';
import { declaredFields } from './declared-data.js';
import { DossierOpenings } from './dossier-openings.service.js';
import type { Finisher } from './rights-execution.js';
import type { RightsRequestRow } from './rights-request.js';
import { RightsMailer } from './rights-mailer.js';
import { RightsRequestsStore } from './rights-requests.store.js';

/** A download link is good for a week and for one download. */
const LINK_DAYS = 7;
export const EXPORT_FORMAT = 'rights-export/1';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The copy of their data a person asks for (art. 15) or takes elsewhere (art. 20): built in the
 * background, one JSON document following docs/rights/export.schema.json, fetched once through a
 * link that expires. Building and downloading are audited.
 */
@Injectable()
export class RightsExports {
  constructor(
    private readonly db: TenantDb,
    private readonly requests: RightsRequestsStore,
    private readonly erasure: ErasureService,
    private readonly registry: TenantRegistry,
    private readonly openings: DossierOpenings,
    private readonly mailer: RightsMailer,
    private readonly audit: AuditService,
    private readonly deferred: DeferredWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Queues the build after the caller's commit; a second completion while it builds adds nothing. */
  async schedule(tx: TenantTx, r: RightsRequestRow, finish: Finisher): Promise<void> {
    const [building] = await tx.query<{ id: string }>(
      `SELECT id FROM rights_exports WHERE tenant_id = $1 AND request_id = $2 AND status = 'building'`,
      [tx.tenantId, r.id],
    );
    if (building) return;
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO rights_exports (tenant_id, request_id, person_id, status, created_at) VALUES ($1, $2, $3, 'building', $4) RETURNING id`,
      [tx.tenantId, r.id, r.personId, this.clock.now()],
    );
    const tenant = RequestContext.tenant();
    tx.afterCommit(() =>
      this.deferred.later('rights export', () =>
        this.db
          .forTenant(tenant, (t) => this.build(t, row.id, r.id, finish))
          .catch(async (err: unknown) => {
            // A failed build must not block the request: completing it again schedules a new one.
            await this.db.forTenant(tenant, (t) =>
              t.query(
                `UPDATE rights_exports SET status = 'failed' WHERE tenant_id = $1 AND id = $2`,
                [t.tenantId, row.id],
              ),
            );
            throw err;
          }),
      ),
    );
  }

  /** Builds the document, mails the link and completes the request, in one unit of work. */
  async build(tx: TenantTx, exportId: string, requestId: string, finish: Finisher): Promise<void> {
    const r = await this.requests.find(tx, requestId, { lock: true });
    if (!r || !r.personId || r.status === 'completed' || r.status === 'refused') return;
    const document = await this.document(tx, r);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + LINK_DAYS * 86_400_000);
    await tx.query(
      `UPDATE rights_exports SET status = 'ready', document = $3, token_hash = $4, ready_at = $5, expires_at = $6 WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, exportId, JSON.stringify(document), sha256(token), now, expiresAt],
    );
    await this.audit.record(
      {
        action: 'rights.export.build',
        subjectType: 'person',
        subjectId: r.personId,
        details: { request: r.id, export: exportId },
      },
      tx,
    );
    const url = new URL(`/rights/exports/${token}`, this.config.PUBLIC_BASE_URL);
    await this.mailer.toPerson(tx, r, 'export-ready', {
      downloadUrl: url.toString(),
      expiresAt: expiresAt.toISOString().slice(0, 10),
    });
    await finish(tx, r, {});
  }

  /** The person's own download: once, before it expires; anyone else's token is unknown to them. */
  async download(personId: string, token: string): Promise<Record<string, unknown>> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{
        id: string;
        personId: string;
        status: string;
        expiresAt: Date;
        document: Record<string, unknown>;
      }>(
        `SELECT id, person_id AS "personId", status, expires_at AS "expiresAt", document FROM rights_exports
          WHERE tenant_id = $1 AND token_hash = $2 FOR UPDATE`,
        [tx.tenantId, sha256(token)],
      );
      if (!row || row.personId !== personId) throw new NotFoundException('no such export');
      if (row.status !== 'ready') throw new GoneException('this link was used already');
      if (row.expiresAt <= this.clock.now()) throw new GoneException('this link has expired');
      // The copy is handed over once and then dropped: it is not kept as a second store of their data.
      await tx.query(
        `UPDATE rights_exports SET status = 'downloaded', downloaded_at = $3, document = NULL WHERE tenant_id = $1 AND id = $2`,
        [tx.tenantId, row.id, this.clock.now()],
      );
      await this.audit.record(
        {
          action: 'rights.export.download',
          subjectType: 'person',
          subjectId: personId,
          details: { export: row.id },
        },
        tx,
      );
      return row.document;
    });
  }

  private async document(tx: TenantTx, r: RightsRequestRow): Promise<Record<string, unknown>> {
    const def = this.registry.current();
    const held = await this.erasure.export(r.personId!);
    const profile = (held.profiles ?? null) as {
      fields?: Record<string, unknown>;
      documents?: unknown[];
    } | null;
    const values = profile?.fields ?? {};
    const { profiles: _profile, consent, applications, connections, mail, ...others } = held;
    return {
      format: EXPORT_FORMAT,
      generatedAt: this.clock.now().toISOString(),
      tenant: { key: RequestContext.tenant().key, name: def.name },
      request: { reference: r.reference, kind: r.kind },
      fields: declaredFields(def)
        .filter((f) => values[f.key] !== undefined)
        .map((f) => ({
          key: f.key,
          label: f.label,
          value: values[f.key],
          purpose: f.purpose,
          audience: f.audience,
          retention: f.retention,
        })),
      documents: profile?.documents ?? [],
      consents: consent ?? null,
      applications: applications ?? null,
      connections: connections ?? null,
      mails: mail ?? null,
      accessLog: await this.openings.list(tx, r.personId!),
      other: others,
    };
  }
}
