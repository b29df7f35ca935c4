-- Issue 4: detection and alerts. The detection job upserts one alerts row per incident (id = the incident id), so
-- alerts gets the fields of ai.omnify.model.alert.Alert it lacked; per-organization rules live in alert_rules.

ALTER TABLE alerts
  ADD COLUMN metric     text,
  ADD COLUMN deviation  numeric(20,6),
  ADD COLUMN since      timestamptz,
  ADD COLUMN revision   integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX alerts_org_kind_status ON alerts (organization_id, kind, status);

-- One row per organization: the rules as JSON (ai.omnify.model.alert.AlertRules), validated by the API.
CREATE TABLE alert_rules (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  rules           jsonb NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text
);
ALTER TABLE alert_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_rules
  USING (organization_id = omnify_current_org()) WITH CHECK (organization_id = omnify_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules TO ${app_role}, ${pipeline_role};
