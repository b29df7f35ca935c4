-- Tenant isolation in the database, behind the scoping every query already does in code. The application role
-- sets the organization per transaction (SET LOCAL omnify.org_id = '<uuid>'); without it, it sees nothing.
-- The table owner (migrations) and the pipeline role (BYPASSRLS: the Flink jobs write every tenant's rows) are
-- not subject to these policies.

CREATE FUNCTION omnify_current_org() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('omnify.org_id', true), '')::uuid $$;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations
  USING (id = omnify_current_org()) WITH CHECK (id = omnify_current_org());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'channels', 'creatives', 'daily_metrics', 'hourly_metrics',
      'creative_daily_metrics', 'creative_hourly_metrics', 'org_daily_metrics', 'orders', 'alerts', 'actions',
      'brain_states', 'api_credentials', 'sync_runs', 'api_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = omnify_current_org()) '
                   'WITH CHECK (organization_id = omnify_current_org())', t);
  END LOOP;
END $$;

-- Authenticating an API key happens before the organization is known: this function, owned by the migration
-- role, finds a live key by its hash and nothing else.
CREATE FUNCTION omnify_find_api_key(p_key_hash text)
  RETURNS TABLE (key_id uuid, organization_id uuid, scopes text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT k.id, k.organization_id, k.scopes FROM api_keys k
     WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
  $$;
REVOKE ALL ON FUNCTION omnify_find_api_key(text) FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO ${app_role}, ${pipeline_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app_role}, ${pipeline_role};
GRANT EXECUTE ON FUNCTION omnify_current_org() TO ${app_role}, ${pipeline_role};
GRANT EXECUTE ON FUNCTION omnify_find_api_key(text) TO ${app_role}, ${pipeline_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role}, ${pipeline_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${app_role}, ${pipeline_role};
-- Rates are reference data: services read them, only the owner (migrations, operators) writes them.
REVOKE INSERT, UPDATE, DELETE ON fx_rates FROM ${app_role}, ${pipeline_role};
