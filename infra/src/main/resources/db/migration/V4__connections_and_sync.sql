-- Issue 3, sync half: connections (api_credentials) with their sync state, sync runs that can resume, the webhook
-- ledger, and the table of the persistent scheduler (db-scheduler). See docs/DECISIONS.md "Connections and sync".

-- A connection: one platform account of one organization. Credentials are sealed by the application
-- (ai.omnify.model.crypto.CredentialCipher, AES-256-GCM) into {"v":1,"kid","nonce","ct"}; key_id repeats the kid.
ALTER TABLE api_credentials
  ADD COLUMN IF NOT EXISTS time_zone       text,
  ADD COLUMN IF NOT EXISTS currency        char(3) CHECK (currency ~ '^[A-Z]{3}$'),
  ADD COLUMN IF NOT EXISTS source          text NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'env')),
  ADD COLUMN IF NOT EXISTS status_reason   text,
  ADD COLUMN IF NOT EXISTS last_success_at timestamptz,
  ADD COLUMN IF NOT EXISTS last_error      text,
  ADD COLUMN IF NOT EXISTS last_error_at   timestamptz;
CREATE INDEX IF NOT EXISTS api_credentials_org ON api_credentials (organization_id, created_at);

-- Sync runs: state, progress and the page cursor a restarted run resumes from. "attempt" fences executions: an
-- execution that claimed the run with attempt n may write only while the run still has attempt n.
ALTER TABLE sync_runs
  ADD COLUMN IF NOT EXISTS window_from   date,
  ADD COLUMN IF NOT EXISTS window_to     date,
  ADD COLUMN IF NOT EXISTS updated_since timestamptz,
  ADD COLUMN IF NOT EXISTS page_cursor   text,
  ADD COLUMN IF NOT EXISTS attempt       integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS requested_at  timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS updated_at    timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN IF NOT EXISTS requests      integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS throttled     integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS sync_runs_connection ON sync_runs (connection_id, kind, started_at DESC);
CREATE INDEX IF NOT EXISTS sync_runs_unfinished ON sync_runs (state) WHERE state IN ('queued', 'running');

-- High-water marks per connection and kind of read (Shopify: orders updated since).
CREATE TABLE sync_cursors (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  connection_id   uuid NOT NULL REFERENCES api_credentials(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('poll', 'nightly', 'backfill')),
  high_water      timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, kind)
);

-- Webhook deliveries already taken, by delivery or event id (Shopify's X-Shopify-Webhook-Id / X-Shopify-Event-Id).
CREATE TABLE webhook_events (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  platform        text NOT NULL,
  event_key       text NOT NULL,
  topic           text,
  connection_id   uuid,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, platform, event_key)
);
CREATE INDEX webhook_events_received ON webhook_events (received_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sync_cursors', 'webhook_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = omnify_current_org()) '
                   'WITH CHECK (organization_id = omnify_current_org())', t);
  END LOOP;
END $$;
-- api_credentials and sync_runs keep V2's policy without FORCE: the SECURITY DEFINER functions below read them as
-- the owner.

-- The persistent scheduler's table (db-scheduler 16, PostgreSQL schema). Not tenant data: task instances name a
-- connection or a run by id; the work itself runs scoped to the connection's organization.
CREATE TABLE scheduled_tasks (
  task_name            text NOT NULL,
  task_instance        text NOT NULL,
  task_data            bytea,
  execution_time       timestamptz NOT NULL,
  picked               boolean NOT NULL,
  picked_by            text,
  last_success         timestamptz,
  last_failure         timestamptz,
  consecutive_failures integer,
  last_heartbeat       timestamptz,
  version              bigint NOT NULL,
  priority             smallint,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- What the sync machinery must see before it knows the organization (like omnify_find_api_key): SECURITY DEFINER
-- functions owned by the migration role that return ids and states, never credentials.
CREATE FUNCTION omnify_sync_connections()
  RETURNS TABLE (connection_id uuid, organization_id uuid, platform text, account text, status text,
                 org_time_zone text, has_runs boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT c.id, c.organization_id, c.platform, c.account, c.status, o.time_zone,
           EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = c.id)
      FROM api_credentials c JOIN organizations o ON o.id = c.organization_id
     WHERE c.account IS NOT NULL
  $$;

CREATE FUNCTION omnify_find_connection(p_platform text, p_account text)
  RETURNS TABLE (connection_id uuid, organization_id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT c.id, c.organization_id, c.status FROM api_credentials c
     WHERE c.platform = p_platform AND c.account = p_account
  $$;

CREATE FUNCTION omnify_sync_pending_runs()
  RETURNS TABLE (run_id uuid, organization_id uuid, connection_id uuid, kind text, state text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT r.id, r.organization_id, r.connection_id, r.kind, r.state FROM sync_runs r
     WHERE r.kind = 'backfill' AND r.state IN ('queued', 'running')
  $$;

-- A webhook delivery's claim in one round trip on the request path: scoped to the organization it names (the caller
-- found it through the delivery's connection), inserted only when none of the keys was taken before.
CREATE FUNCTION omnify_claim_webhook(p_org uuid, p_platform text, p_keys text[], p_topic text, p_connection uuid)
  RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  DECLARE n integer;
  BEGIN
    PERFORM set_config('omnify.org_id', p_org::text, true);
    INSERT INTO webhook_events (organization_id, platform, event_key, topic, connection_id)
      SELECT p_org, p_platform, k, p_topic, p_connection FROM unnest(p_keys) AS k
       WHERE NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.organization_id = p_org
                           AND e.platform = p_platform AND e.event_key = ANY (p_keys))
      ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n > 0;
  END
  $$;
REVOKE ALL ON FUNCTION omnify_claim_webhook(uuid, text, text[], text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION omnify_claim_webhook(uuid, text, text[], text, uuid) TO ${app_role}, ${pipeline_role};

REVOKE ALL ON FUNCTION omnify_sync_connections() FROM PUBLIC;
REVOKE ALL ON FUNCTION omnify_find_connection(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION omnify_sync_pending_runs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION omnify_sync_connections() TO ${app_role}, ${pipeline_role};
GRANT EXECUTE ON FUNCTION omnify_find_connection(text, text) TO ${app_role}, ${pipeline_role};
GRANT EXECUTE ON FUNCTION omnify_sync_pending_runs() TO ${app_role}, ${pipeline_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON sync_cursors, webhook_events, scheduled_tasks TO ${app_role}, ${pipeline_role};
