-- Each alert revision is sent to a subscription once: a delivery first claims (subscription, alert id, revision, kind)
-- here, and a replayed alert (the same id and revision, after a job restored a checkpoint or a reader read a batch
-- again) finds the claim and is not sent again. A claim whose delivery never finished (the process died between
-- the claim and the end of its retries) may be taken over after 15 minutes.
CREATE TABLE alert_delivery_claims (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  subscription_id uuid NOT NULL,
  alert_id        uuid NOT NULL,
  revision        integer NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('webhook', 'email', 'digest')),
  claimed_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  PRIMARY KEY (subscription_id, alert_id, revision, kind)
);
CREATE INDEX alert_delivery_claims_org ON alert_delivery_claims (organization_id, claimed_at);

ALTER TABLE alert_delivery_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_delivery_claims FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_delivery_claims USING (organization_id = omnify_current_org())
  WITH CHECK (organization_id = omnify_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_delivery_claims TO ${app_role}, ${pipeline_role};
