import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A tenant: one organisation running on the platform, on the rules of one tenant definition. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Slug used in the X-Tenant header and default host names. */
  @Column('text')
  key: string;

  /** Which tenant definition (plugin) supplies this tenant's rules. */
  @Column('text')
  plugin: string;

  @Column('text')
  name: string;

  @Column('text')
  status: 'active' | 'suspended';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A host name answered as a tenant (and later as one brand of it). */
@Entity({ name: 'tenant_domains' })
export class TenantDomainEntity {
  @PrimaryColumn('text')
  host: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId: string;
}
