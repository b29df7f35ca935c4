-- Omnify schema. The plan's tables (organizations, users, channels, daily_metrics, creatives, brain_states,
-- api_credentials) plus what the pipeline needs. Money is NUMERIC, never float; every tenant row carries
-- organization_id. Platforms are stored by their wire names (meta, google, tiktok, shopify, email).
-- Placeholders: ${app_role} (API services, subject to row-level security), ${pipeline_role} (Flink jobs).

CREATE TABLE organizations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  currency    char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  time_zone   text NOT NULL DEFAULT 'UTC',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email           text UNIQUE NOT NULL,
  organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
  role            text CHECK (role IN ('admin', 'member', 'viewer')),
  password_hash   text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Tables the Flink jobs write (channels, creatives, *_metrics, orders) carry no foreign keys: rows arrive from
-- several sinks in any order, and a constraint violation would stall the stream. Ids are deterministic
-- (ai.omnify.model.Ids) and deleting an organization deletes its rows explicitly.

-- A channel is one campaign on one ad platform; its id is deterministic (ai.omnify.model.Ids).
CREATE TABLE channels (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  name            text NOT NULL,
  platform        text NOT NULL CHECK (platform IN ('meta', 'google', 'tiktok', 'shopify', 'email')),
  external_id     text,
  account_id      text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
  is_active       boolean NOT NULL DEFAULT true,
  first_seen_date date,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, platform, external_id)
);

-- A creative is one ad of a channel.
CREATE TABLE creatives (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL,
  channel_id      uuid NOT NULL,
  name            text NOT NULL,
  external_id     text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'archived')),
  launch_date     date,
  spend           numeric(18,4),
  revenue         numeric(18,4),
  roas            numeric(12,4),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creatives_channel ON creatives (channel_id);
CREATE INDEX creatives_org ON creatives (organization_id);

-- Daily totals per channel, in the organization's reporting currency. "revenue" is the plan's column: the
-- platform-reported conversion value; Shopify-verified revenue is attributed_revenue.
CREATE TABLE daily_metrics (
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id    uuid NOT NULL,
  channel_id         uuid NOT NULL,
  date               date NOT NULL,
  spend              numeric(18,4) NOT NULL DEFAULT 0,
  impressions        bigint NOT NULL DEFAULT 0,
  clicks             bigint NOT NULL DEFAULT 0,
  conversions        numeric(18,6) NOT NULL DEFAULT 0,
  conversion_value   numeric(18,4) NOT NULL DEFAULT 0,
  revenue            numeric(18,4) GENERATED ALWAYS AS (conversion_value) STORED,
  attributed_revenue numeric(18,4) NOT NULL DEFAULT 0,
  attributed_orders  integer NOT NULL DEFAULT 0,
  roas               numeric(12,4),
  cpa                numeric(18,4),
  ctr                numeric(10,6),
  cpc                numeric(18,4),
  cpm                numeric(18,4),
  currency           char(3) NOT NULL,
  as_of              timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, date),
  UNIQUE (id)
);
CREATE INDEX daily_metrics_org_date ON daily_metrics (organization_id, date);

CREATE TABLE hourly_metrics (
  organization_id    uuid NOT NULL,
  channel_id         uuid NOT NULL,
  date               date NOT NULL,
  hour               smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  spend              numeric(18,4) NOT NULL DEFAULT 0,
  impressions        bigint NOT NULL DEFAULT 0,
  clicks             bigint NOT NULL DEFAULT 0,
  conversions        numeric(18,6) NOT NULL DEFAULT 0,
  conversion_value   numeric(18,4) NOT NULL DEFAULT 0,
  attributed_revenue numeric(18,4) NOT NULL DEFAULT 0,
  attributed_orders  integer NOT NULL DEFAULT 0,
  roas               numeric(12,4),
  cpa                numeric(18,4),
  ctr                numeric(10,6),
  cpc                numeric(18,4),
  cpm                numeric(18,4),
  currency           char(3) NOT NULL,
  as_of              timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel_id, date, hour)
);
CREATE INDEX hourly_metrics_org_date ON hourly_metrics (organization_id, date);

CREATE TABLE creative_daily_metrics (
  organization_id    uuid NOT NULL,
  creative_id        uuid NOT NULL,
  channel_id         uuid NOT NULL,
  date               date NOT NULL,
  spend              numeric(18,4) NOT NULL DEFAULT 0,
  impressions        bigint NOT NULL DEFAULT 0,
  clicks             bigint NOT NULL DEFAULT 0,
  conversions        numeric(18,6) NOT NULL DEFAULT 0,
  conversion_value   numeric(18,4) NOT NULL DEFAULT 0,
  attributed_revenue numeric(18,4) NOT NULL DEFAULT 0,
  attributed_orders  integer NOT NULL DEFAULT 0,
  reach              bigint,
  frequency          numeric(12,4),
  day_source         text NOT NULL DEFAULT 'day' CHECK (day_source IN ('day', 'hours')),
  reported_at        timestamptz,
  roas               numeric(12,4),
  cpa                numeric(18,4),
  ctr                numeric(10,6),
  cpc                numeric(18,4),
  cpm                numeric(18,4),
  currency           char(3) NOT NULL,
  as_of              timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creative_id, date)
);
CREATE INDEX creative_daily_org_date ON creative_daily_metrics (organization_id, date);
CREATE INDEX creative_daily_channel_date ON creative_daily_metrics (channel_id, date);

CREATE TABLE creative_hourly_metrics (
  organization_id    uuid NOT NULL,
  creative_id        uuid NOT NULL,
  channel_id         uuid NOT NULL,
  date               date NOT NULL,
  hour               smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  spend              numeric(18,4) NOT NULL DEFAULT 0,
  impressions        bigint NOT NULL DEFAULT 0,
  clicks             bigint NOT NULL DEFAULT 0,
  conversions        numeric(18,6) NOT NULL DEFAULT 0,
  conversion_value   numeric(18,4) NOT NULL DEFAULT 0,
  attributed_revenue numeric(18,4) NOT NULL DEFAULT 0,
  attributed_orders  integer NOT NULL DEFAULT 0,
  reach              bigint,
  reported_at        timestamptz,
  roas               numeric(12,4),
  cpa                numeric(18,4),
  ctr                numeric(10,6),
  cpc                numeric(18,4),
  cpm                numeric(18,4),
  currency           char(3) NOT NULL,
  as_of              timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (creative_id, date, hour)
);
CREATE INDEX creative_hourly_org_date ON creative_hourly_metrics (organization_id, date);

-- Per organization and day: all ad spend against all store revenue (blended MER).
CREATE TABLE org_daily_metrics (
  organization_id    uuid NOT NULL,
  date               date NOT NULL,
  spend              numeric(18,4) NOT NULL DEFAULT 0,
  conversion_value   numeric(18,4) NOT NULL DEFAULT 0,
  store_revenue      numeric(18,4) NOT NULL DEFAULT 0,
  orders             integer NOT NULL DEFAULT 0,
  attributed_revenue numeric(18,4) NOT NULL DEFAULT 0,
  mer                numeric(12,4),
  currency           char(3) NOT NULL,
  as_of              timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, date)
);

-- The latest version of each store order, with its attribution. Amounts in the order's currency, and net
-- revenue converted to the organization's reporting currency.
CREATE TABLE orders (
  organization_id    uuid NOT NULL,
  order_id           text NOT NULL,
  event_id           text NOT NULL,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  order_date         date NOT NULL,
  total_price        numeric(18,4) NOT NULL,
  refunded           numeric(18,4) NOT NULL DEFAULT 0,
  currency           char(3) NOT NULL,
  net_revenue        numeric(18,4) NOT NULL,
  reporting_currency char(3) NOT NULL,
  cancelled_at       timestamptz,
  customer_id        text,
  landing_site       text,
  referring_site     text,
  utm_source         text,
  utm_medium         text,
  utm_campaign       text,
  utm_content        text,
  platform           text,
  channel_id         uuid,
  creative_id        uuid,
  ingested_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, order_id)
);
CREATE INDEX orders_org_date ON orders (organization_id, order_date);
CREATE INDEX orders_channel_date ON orders (channel_id, order_date) WHERE channel_id IS NOT NULL;

CREATE TABLE alerts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  alert_key       text NOT NULL,
  kind            text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  channel_id      uuid,
  creative_id     uuid,
  window_start    timestamptz,
  window_end      timestamptz,
  observed        numeric(20,6),
  expected        numeric(20,6),
  explanation     text,
  payload         jsonb,
  detected_at     timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  resolved_at     timestamptz
);
CREATE INDEX alerts_org_detected ON alerts (organization_id, detected_at DESC);
CREATE INDEX alerts_org_key ON alerts (organization_id, alert_key);

CREATE TABLE actions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  kind            text NOT NULL,
  target          jsonb,
  rationale       text,
  impact_metric   text,
  expected_impact numeric(18,4),
  currency        char(3),
  confidence      numeric(5,4),
  urgency         text,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed', 'expired')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz,
  decided_by      uuid
);
CREATE INDEX actions_org_created ON actions (organization_id, created_at DESC);

CREATE TABLE brain_states (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id  uuid REFERENCES organizations(id) ON DELETE CASCADE,
  version          bigint NOT NULL DEFAULT 1,
  memory_output    jsonb,
  oracle_output    jsonb,
  curiosity_output jsonb,
  computed_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, version)
);

-- Platform credentials (a "connection"), encrypted by the application before they are stored.
CREATE TABLE api_credentials (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
  platform        text NOT NULL,
  account         text,
  credentials     jsonb,
  key_id          text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauth', 'disabled')),
  is_active       boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_credentials_account ON api_credentials (platform, account) WHERE account IS NOT NULL;

CREATE TABLE sync_runs (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  connection_id   uuid REFERENCES api_credentials(id) ON DELETE CASCADE,
  platform        text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('poll', 'backfill', 'nightly')),
  state           text NOT NULL DEFAULT 'running' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  rows            bigint NOT NULL DEFAULT 0,
  pages_done      integer NOT NULL DEFAULT 0,
  pages_total     integer,
  error           text
);
CREATE INDEX sync_runs_org_started ON sync_runs (organization_id, started_at DESC);

-- API keys: only a SHA-256 of the key is kept; the key is shown once when made.
CREATE TABLE api_keys (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  name            text NOT NULL,
  prefix          text NOT NULL,
  key_hash        text NOT NULL UNIQUE,
  scopes          text[] NOT NULL DEFAULT ARRAY['read', 'ingest'],
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz
);

-- Exchange rates: 1 unit of base = rate units of quote, from rate_date until the next row. Not tenant data.
CREATE TABLE fx_rates (
  base       char(3) NOT NULL CHECK (base ~ '^[A-Z]{3}$'),
  quote      char(3) NOT NULL CHECK (quote ~ '^[A-Z]{3}$'),
  rate_date  date NOT NULL,
  rate       numeric(24,10) NOT NULL CHECK (rate > 0),
  source     text NOT NULL DEFAULT 'manual',
  PRIMARY KEY (base, quote, rate_date)
);
