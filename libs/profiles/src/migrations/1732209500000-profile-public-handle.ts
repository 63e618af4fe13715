import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public handle: how employers, partners and the public address a profile, instead of its
 * internal id (which is the person's account id and never changes). Redrawn with the alias on every
 * step into or out of anonymity, so whoever saw the named listing cannot recognise the anonymous
 * one. The default draws one for existing rows and for every insert: 16 bytes of a random uuid,
 * base64url without padding (22 characters), a form that can never be mistaken for a uuid.
 */
export class ProfilePublicHandle1732209500000 implements MigrationInterface {
  name = 'ProfilePublicHandle1732209500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE profiles ADD COLUMN public_handle text NOT NULL
        DEFAULT translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', '-_')
        CHECK (public_handle ~ '^[A-Za-z0-9_-]{22}$')`);
    await q.query(`ALTER TABLE profiles ADD CONSTRAINT profiles_public_handle_key UNIQUE (tenant_id, public_handle)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profiles DROP COLUMN public_handle`);
  }
}
