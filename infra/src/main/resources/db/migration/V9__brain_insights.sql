-- Texts the brain writes (issue 5): the latest per organization, kind and subject, from the model (validated) or the
-- deterministic template, with the reason the template was used.
CREATE TABLE brain_insights (
  organization_id uuid NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('summary', 'alert', 'fatigue', 'budget_move')),
  subject_id      text NOT NULL,              -- 'org', an alert id, a creative id or an action id
  version         bigint NOT NULL,            -- the brain version it was written for
  text            text NOT NULL,
  source          text NOT NULL CHECK (source IN ('model', 'template')),
  reason          text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, kind, subject_id)
);
ALTER TABLE brain_insights ENABLE ROW LEVEL SECURITY;
ALTER TABLE brain_insights FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON brain_insights USING (organization_id = omnify_current_org())
  WITH CHECK (organization_id = omnify_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON brain_insights TO ${app_role}, ${pipeline_role};
