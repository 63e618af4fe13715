import { Injectable, NotFoundException } from '@nestjs/common';
import type { TenantTx } from '../../database/src/index.js';
import type { Actor } from '../../context/src/index.js';
import { TenantRegistry } from '../../tenancy/src/index.js';
import { ConnectionStore } from './connection.store.js';
import type { ConnectionRow, ConnectionStanding } from './connection.types.js';

/**
 * Who stands where to a connection. Anyone who is not a party (or staff allowed to read chats)
 * gets the same 404 as for an id that does not exist, so ids reveal nothing.
 */
@Injectable()
export class ConnectionAccess {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly store: ConnectionStore,
  ) {}

  settings() {
    return this.registry.current().visibility.connections;
  }

  /** A tenant without connections has no such routes: 404, as if they did not exist. */
  assertEnabled(): void {
    if (!this.settings()?.enabled) throw new NotFoundException('This service has no connection requests');
  }

  notFound(): NotFoundException {
    return new NotFoundException('No connection with this id');
  }

  async standing(tx: TenantTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<ConnectionStanding> {
    const connection = await this.store.find(tx, id, opts);
    if (!connection) throw this.notFound();
    return { connection, side: await this.sideOf(tx, connection, actor) };
  }

  private async sideOf(tx: TenantTx, c: ConnectionRow, actor: Actor): Promise<ConnectionStanding['side']> {
    if (!actor.accountId) return null;
    if (actor.accountId === c.personId) return 'jobseeker';
    if (actor.roles.includes('employer') && (await this.store.isMemberOf(tx, actor.accountId, c.employerOrgUnitId)))
      return 'employer';
    if (actor.roles.includes('staff') && this.settings()?.staffCanReadChat) return 'staff';
    return null;
  }
}
