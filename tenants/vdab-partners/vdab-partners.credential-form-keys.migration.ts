import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key of the form a credential was made from. The page answering that form shows the secret,
 * and a browser reload posts the form again: with the key, the second post finds the credential
 * the first one made instead of minting another live secret that nobody ever saw.
 */
export class VdabPartnersCredentialFormKeys1732210000010 implements MigrationInterface {
  name = 'VdabPartnersCredentialFormKeys1732210000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vdab_credentials ADD COLUMN form_key uuid`);
    await q.query(
      `ALTER TABLE vdab_credentials ADD CONSTRAINT vdab_credentials_form_key UNIQUE (tenant_id, organisation_id, form_key)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE vdab_credentials DROP COLUMN form_key`);
  }
}
