-- Issue 4: where an organization's alerts are delivered (webhooks, email), and a record of every delivery.

CREATE TABLE alert_subscriptions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  type            text NOT NULL CHECK (type IN ('webhook', 'email')),
  url             text,
  format          text NOT NULL DEFAULT 'json' CHECK (format IN ('json', 'slack')),
  secret          text,
  email           text,
  min_severity    text NOT NULL DEFAULT 'info' CHECK (min_severity IN ('info', 'warning', 'critical')),
  enabled         boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((type = 'webhook' AND url IS NOT NULL AND secret IS NOT NULL) OR (type = 'email' AND email IS NOT NULL))
);
CREATE INDEX alert_subscriptions_org ON alert_subscriptions (organization_id);

CREATE TABLE alert_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL,
  alert_id        uuid,
  revision        integer,
  kind            text NOT NULL CHECK (kind IN ('webhook', 'email', 'digest')),
  status          text NOT NULL CHECK (status IN ('delivered', 'failed')),
  attempts        integer NOT NULL,
  response_status integer,
  last_error      text,
  finished_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alert_deliveries_org ON alert_deliveries (organization_id, finished_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['alert_subscriptions', 'alert_deliveries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = omnify_current_org()) '
                   'WITH CHECK (organization_id = omnify_current_org())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}, ${pipeline_role}', t);
  END LOOP;
END $$;
