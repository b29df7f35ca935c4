-- Issue 3 (sync half, second pass): ads as their platform describes them (omnify.ad-entities) land in creatives.
-- creatives keeps its row-level security from V2 (policy tenant_isolation); only columns are added.
-- The id stays ai.omnify.model.Ids.creativeId(org, platform, ad id), so an ad first seen through its entity and
-- later through its insights (or the other way round) is one row.
ALTER TABLE creatives
  ADD COLUMN creative_name        text,
  ADD COLUMN headline             text,
  ADD COLUMN body                 text,
  ADD COLUMN platform_status      text,
  -- the platform's launch date (Meta: created_time in the account's time zone); when set it is launch_date, which
  -- otherwise is the first day with data
  ADD COLUMN platform_launch_date date,
  -- updatedAt of the entity stored: an older entity never overwrites a newer one
  ADD COLUMN entity_updated_at    timestamptz;

-- a campaign's status from its ads' entities (channels.status); updatedAt of the entity that set it
ALTER TABLE channels ADD COLUMN entity_updated_at timestamptz;

-- the time of the last ad-entities publish of a connection is kept beside its poll high-water
ALTER TABLE sync_cursors DROP CONSTRAINT IF EXISTS sync_cursors_kind_check;
ALTER TABLE sync_cursors ADD CONSTRAINT sync_cursors_kind_check
  CHECK (kind IN ('poll', 'nightly', 'backfill', 'entities'));
