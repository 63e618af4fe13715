import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_GROUP_ROLE, DEFINER_ROLE, definerFunction } from '../../../database/src/index.js';

const CREATE_TENANT = 'app.create_tenant(text, text, text, text[])';

/**
 * The runtime role only reads the tenant catalog. A tenant is created through one narrow function
 * (owned by the definer role, which alone may write the catalog): it adds a new tenant with new
 * host names and nothing else, so the runtime role can neither repoint another tenant's host
 * name, nor change a tenant's definition or status, nor remove one.
 */
export class CatalogWrites1732205000100 implements MigrationInterface {
  name = 'CatalogWrites1732205000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON tenants, tenant_domains FROM ${APP_GROUP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON tenants, tenant_domains TO ${DEFINER_ROLE}`);
    // An existing key answers with that tenant and created = false (nothing else is touched): the
    // caller decides whether that is a conflict. A host name already in use fails the whole call.
    await q.query(`
      CREATE FUNCTION ${CREATE_TENANT.replace('(text, text, text, text[])', '(p_key text, p_plugin text, p_name text, p_hosts text[])')}
      RETURNS TABLE (id uuid, key text, plugin text, created boolean)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      #variable_conflict use_column
      DECLARE
        v_id uuid;
        v_host text;
      BEGIN
        INSERT INTO public.tenants AS t (key, plugin, name) VALUES (p_key, p_plugin, p_name)
          ON CONFLICT ON CONSTRAINT tenants_key_key DO NOTHING
          RETURNING t.id INTO v_id;
        IF v_id IS NULL THEN
          RETURN QUERY SELECT t.id, t.key, t.plugin, false FROM public.tenants t WHERE t.key = p_key;
          RETURN;
        END IF;
        FOREACH v_host IN ARRAY coalesce(p_hosts, '{}') LOOP
          IF v_host IS NULL OR v_host !~ '^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$' THEN
            RAISE EXCEPTION 'host name % is not valid', quote_literal(coalesce(v_host, 'NULL')) USING ERRCODE = '22023';
          END IF;
          IF EXISTS (SELECT 1 FROM public.tenant_domains d WHERE d.host = v_host) THEN
            RAISE EXCEPTION 'Domain % is already in use', v_host USING ERRCODE = 'RC409';
          END IF;
          INSERT INTO public.tenant_domains (host, tenant_id) VALUES (v_host, v_id);
        END LOOP;
        RETURN QUERY SELECT v_id, p_key, p_plugin, true;
      END $$`);
    for (const sql of definerFunction(CREATE_TENANT)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${CREATE_TENANT}`);
    await q.query(`REVOKE ALL ON tenants, tenant_domains FROM ${DEFINER_ROLE}`);
    await q.query(`GRANT INSERT, UPDATE ON tenants, tenant_domains TO ${APP_GROUP_ROLE}`);
  }
}
