import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** Entities owned by a tenant: the tenant id is part of every key. */
export interface TenantOwned {
  tenantId: string;
}

/** A filter without the tenant: the repository adds it, so no query can forget it. */
export type TenantWhere<E> = Omit<FindOptionsWhere<E>, 'tenantId'>;
export type TenantInsert<E> = Omit<E, 'tenantId'>;

export class TenantFilterMissingError extends Error {
  constructor(sql: string) {
    super(`Raw SQL in a tenant unit of work must filter on tenant_id explicitly: ${sql.slice(0, 120)}`);
    this.name = 'TenantFilterMissingError';
  }
}

/**
 * A tenant unit of work: one short transaction whose tenant was set with SET LOCAL before anything
 * else ran. Every helper here filters by tenant explicitly (so Citus can route to one shard);
 * row-level security underneath is the safety net, not the filter.
 */
export class TenantTx {
  private readonly commitHooks: (() => Promise<void> | void)[] = [];
  private savepoints = 0;

  constructor(
    readonly tenantId: string,
    readonly manager: EntityManager,
  ) {}

  /**
   * Work that must only happen once the transaction has committed (deleting files, waking a
   * worker). Runs after COMMIT, in order; a rollback drops it.
   */
  afterCommit(fn: () => Promise<void> | void): void {
    this.commitHooks.push(fn);
  }

  /** @internal called by TenantDb after COMMIT. */
  async runCommitHooks(): Promise<void> {
    for (const hook of this.commitHooks.splice(0)) await hook();
  }

  /**
   * Runs `fn` so that its failure takes back only its own writes (a savepoint in this unit of
   * work): a batch of independent items, each all or nothing, shares one commit instead of paying
   * one per item. Commit hooks the failed item queued are dropped with it; the error is rethrown.
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `item_${++this.savepoints}`;
    const hooks = this.commitHooks.length;
    await this.manager.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.manager.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await this.manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
      this.commitHooks.splice(hooks);
      throw err;
    }
  }

  /**
   * Raw SQL. The text must mention tenant_id (the caller passes the tenant id as a parameter):
   * a cheap guard that turns a forgotten filter into an error in every test.
   */
  async query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    if (!/tenant_id/.test(sql)) throw new TenantFilterMissingError(sql);
    return (await this.manager.query(sql, params)) as R[];
  }

  repo<E extends TenantOwned & ObjectLiteral>(entity: EntityTarget<E>): TenantRepository<E> {
    return new TenantRepository<E>(this.tenantId, this.manager, entity);
  }
}

export class TenantRepository<E extends TenantOwned & ObjectLiteral> {
  constructor(
    private readonly tenantId: string,
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<E>,
  ) {}

  private scoped(where: TenantWhere<E> = {} as TenantWhere<E>): FindOptionsWhere<E> {
    return { ...where, tenantId: this.tenantId } as FindOptionsWhere<E>;
  }

  find(where?: TenantWhere<E>, opts: { order?: FindOptionsOrder<E>; take?: number } = {}): Promise<E[]> {
    return this.manager.find(this.entity, { where: this.scoped(where), ...opts });
  }

  findOne(where: TenantWhere<E>): Promise<E | null> {
    return this.manager.findOne(this.entity, { where: this.scoped(where) });
  }

  count(where?: TenantWhere<E>): Promise<number> {
    return this.manager.count(this.entity, { where: this.scoped(where) });
  }

  async insert(values: TenantInsert<E>): Promise<E> {
    const row = this.manager.create(this.entity, { ...values, tenantId: this.tenantId } as unknown as E);
    await this.manager.insert(this.entity, row as never);
    return row;
  }

  async update(where: TenantWhere<E>, patch: Partial<TenantInsert<E>>): Promise<number> {
    const res = await this.manager.update(this.entity, this.scoped(where) as never, patch as never);
    return res.affected ?? 0;
  }

  async delete(where: TenantWhere<E>): Promise<number> {
    const res = await this.manager.delete(this.entity, this.scoped(where) as never);
    return res.affected ?? 0;
  }
}
