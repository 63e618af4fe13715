import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { TenantDb } from '../../database/src/index.js';
import { AuditService } from '../../audit/src/index.js';
import { Clock } from '../../config/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { ActivityService } from '../../privacy/src/index.js';
import { ConnectionAccess } from './connection-access.js';
import type { ConnectionSide } from './connection.types.js';

export interface ChatMessage {
  id: string;
  from: ConnectionSide;
  body: string;
  sentAt: Date;
  mine: boolean;
}

/**
 * The conversation of one connection. Only the two parties of an accepted connection write;
 * they read while it is accepted (the person keeps reading their own conversation after it
 * ended); staff read when the tenant says so, and every staff read is audited. Anyone else: 404.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly db: TenantDb,
    private readonly access: ConnectionAccess,
    private readonly activity: ActivityService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async post(actor: Actor, connectionId: string, body: string): Promise<ChatMessage> {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      const { connection, side } = await this.access.standing(tx, actor, connectionId);
      if (side === 'staff') throw new ForbiddenException('Staff may read conversations, not take part in them');
      if (side === null) throw this.access.notFound();
      if (connection.status !== 'accepted')
        throw new ConflictException('Messages can only be sent while the connection is accepted');
      const sentAt = this.clock.now();
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO connection_messages (tenant_id, connection_id, sender_id, sender_side, body, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [tx.tenantId, connectionId, actor.accountId, side, body, sentAt],
      );
      await this.audit.record(
        { action: 'connection.message.send', subjectType: 'person', subjectId: connection.personId, details: { connectionId, messageId: row.id, by: side } },
        tx,
      );
      await this.activity.touch(actor.accountId!, side === 'employer' ? 'employer-contact' : 'jobseeker', 'interaction', tx);
      return { id: row.id, from: side, body, sentAt, mine: true };
    });
  }

  /** Newest first; `before` is the id of the oldest message the caller already has. */
  async read(actor: Actor, connectionId: string, opts: { before?: string; limit?: number } = {}): Promise<ChatMessage[]> {
    this.access.assertEnabled();
    return this.db.transaction(async (tx) => {
      const { connection, side } = await this.access.standing(tx, actor, connectionId);
      const mayRead =
        side === 'staff' ||
        (side === 'employer' && connection.status === 'accepted') ||
        (side === 'jobseeker' && (connection.status === 'accepted' || connection.status === 'withdrawn'));
      if (!mayRead) throw this.access.notFound();
      const rows = await tx.query<{ id: string; from: ConnectionSide; body: string; sentAt: Date; senderId: string | null }>(
        `SELECT m.id, m.sender_side AS "from", m.body, m.sent_at AS "sentAt", m.sender_id AS "senderId"
           FROM connection_messages m
          WHERE m.tenant_id = $1 AND m.connection_id = $2
            AND ($3::uuid IS NULL OR m.seq < (SELECT b.seq FROM connection_messages b WHERE b.tenant_id = $1 AND b.id = $3))
          ORDER BY m.seq DESC LIMIT $4`,
        [tx.tenantId, connectionId, opts.before ?? null, opts.limit ?? 100],
      );
      if (side === 'staff')
        await this.audit.record(
          { action: 'connection.chat.read', subjectType: 'person', subjectId: connection.personId, details: { connectionId, count: rows.length } },
          tx,
        );
      return rows.map(({ senderId, ...m }) => ({ ...m, mine: senderId !== null && senderId === actor.accountId }));
    });
  }
}
