import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, SYSTEM, type TenantRef } from '../../context/src/index.js';
import { TenantTx } from './tenant-tx.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only way to reach tenant-owned rows. Each call is one short transaction that first sets the
 * tenant with SET LOCAL, so a pooled connection never carries a tenant into another's request.
 * A call inside another joins the open transaction (one unit of work, one commit).
 */
@Injectable()
export class TenantDb {
  constructor(private readonly dataSource: DataSource) {}

  /** A unit of work for the tenant in the current context (throws if there is none). */
  async transaction<T>(fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    const tenant = RequestContext.tenant();
    const open = RequestContext.get()?.tx;
    if (open instanceof TenantTx && open.tenantId === tenant.id) return fn(open);
    return this.open(tenant.id, fn);
  }

  /**
   * One statement that sets the tenant itself (a function whose first act is `app.set_tenant`),
   * run outside any transaction: its setting lasts for the statement's implicit transaction only,
   * so this is one round trip where `transaction()` costs four. Inside an open unit of work it
   * joins that unit instead.
   */
  async statement<R>(sql: string, params: unknown[]): Promise<R[]> {
    const tenant = RequestContext.tenant();
    const open = RequestContext.get()?.tx;
    if (open instanceof TenantTx && open.tenantId === tenant.id) return open.query<R>(sql, params);
    if (!UUID.test(tenant.id)) throw new Error('tenant id must be a uuid');
    return (await this.dataSource.query(sql, params)) as R[];
  }

  /** Background work for one tenant: enters its context (as the system actor) and opens a unit. */
  forTenant<T>(tenant: TenantRef, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    const current = RequestContext.get();
    const actor = current?.tenant?.id === tenant.id ? current.actor : SYSTEM;
    return RequestContext.run({ ...current, tenant, actor, tx: undefined }, () => this.transaction(fn));
  }

  /** `statement()` for background work: in the tenant's context, as the system actor (see `forTenant`). */
  statementFor<R>(tenant: TenantRef, sql: string, params: unknown[]): Promise<R[]> {
    const current = RequestContext.get();
    const actor = current?.tenant?.id === tenant.id ? current.actor : SYSTEM;
    return RequestContext.run({ ...current, tenant, actor, tx: undefined }, () => this.statement<R>(sql, params));
  }

  private async open<T>(tenantId: string, fn: (tx: TenantTx) => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error('tenant id must be a uuid');
    let tx: TenantTx | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT app.set_tenant($1)', [tenantId]);
      tx = new TenantTx(tenantId, manager);
      const open = tx;
      return RequestContext.with({ tx: open }, () => fn(open));
    });
    await tx?.runCommitHooks();
    return result;
  }
}
