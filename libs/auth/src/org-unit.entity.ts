import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrgUnitKind } from '../../plugin-api/src/index.js';

/**
 * A unit inside a tenant (employer company, municipality, labour-market region, brand, partner
 * organisation) with a parent link, so rules can say "staff of my region".
 */
@Entity({ name: 'org_units' })
export class OrgUnitEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { default: () => 'gen_random_uuid()' })
  id: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text')
  kind: OrgUnitKind;

  /** Stable slug within the tenant, used by demo data and imports. */
  @Column('text')
  key: string;

  @Column('text')
  name: string;

  /** Recruiters of this unit may search the candidate bank (statement 001). */
  @Column('boolean', { name: 'candidate_bank_access' })
  candidateBankAccess: boolean;
}
