-- The brain (issue 5): the full published state beside the plan's three columns, forecasts with their horizon,
-- their scores once the actual day is in, per-organization goals, and who decided on an action and what followed.

ALTER TABLE brain_states ADD COLUMN as_of_date date;
ALTER TABLE brain_states ADD COLUMN summary text;
ALTER TABLE brain_states ADD COLUMN state jsonb;
CREATE INDEX brain_states_org_computed ON brain_states (organization_id, computed_at DESC);

-- What an organization aims for; the brain uses defaults (target ROAS 2.0, no monthly budget) without a row.
CREATE TABLE brain_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  target_roas     numeric(12,4) CHECK (target_roas > 0),
  monthly_budget  numeric(18,4) CHECK (monthly_budget > 0),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One forecast point: made after the last complete day `origin`, for `target_date` = origin + horizon days.
-- channel_id NULL: the whole organization. Written by the BrainJob (no foreign keys: see V1).
CREATE TABLE brain_forecasts (
  organization_id uuid NOT NULL,
  series          text NOT NULL,            -- channel id, or 'org'
  channel_id      uuid,
  metric          text NOT NULL CHECK (metric IN ('spend', 'revenue', 'roas')),
  origin          date NOT NULL,
  horizon         integer NOT NULL CHECK (horizon > 0),
  target_date     date NOT NULL,
  model           text NOT NULL,
  value           numeric(18,4) NOT NULL,
  lower           numeric(18,4) NOT NULL,
  upper           numeric(18,4) NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, series, metric, origin, horizon)
);
CREATE INDEX brain_forecasts_org_target ON brain_forecasts (organization_id, target_date);

-- A forecast point scored against the actual day, once that day was complete.
CREATE TABLE forecast_scores (
  organization_id uuid NOT NULL,
  series          text NOT NULL,
  channel_id      uuid,
  metric          text NOT NULL,
  origin          date NOT NULL,
  horizon         integer NOT NULL,
  target_date     date NOT NULL,
  forecast        numeric(18,4) NOT NULL,
  lower           numeric(18,4) NOT NULL,
  upper           numeric(18,4) NOT NULL,
  actual          numeric(18,4) NOT NULL,
  ape             numeric(12,6),             -- |actual - forecast| / |actual|; NULL when the actual is zero
  inside          boolean NOT NULL,          -- actual within [lower, upper]
  scored_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, series, metric, origin, horizon)
);
CREATE INDEX forecast_scores_org_metric ON forecast_scores (organization_id, metric, horizon);

-- Actions: the brain's id is stable per kind and target; the job keeps the text current while an action is open.
ALTER TABLE actions ADD COLUMN expected_days integer;
ALTER TABLE actions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE actions ADD COLUMN baseline jsonb;    -- the target's daily figures when the decision was made

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['brain_settings', 'brain_forecasts', 'forecast_scores']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = omnify_current_org()) '
                   'WITH CHECK (organization_id = omnify_current_org())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}, ${pipeline_role}', t);
  END LOOP;
END $$;
