-- Accounts (issue 6): people, their memberships in organizations with a role, login sessions and invites.
-- A user (V1's users) is one person with one email and password; users.organization_id is the organization
-- they signed up in (or were first invited to). What they may do in each organization is a membership row.
-- Secrets (session tokens, invite tokens) are stored only as SHA-256 hex; passwords only as argon2id hashes.

CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE memberships (
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- A login session: the browser holds the token in an HttpOnly cookie; only its hash is here. A session is for
-- one organization (the one the user works in); its scopes come from the membership's role at each request.
CREATE TABLE sessions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash      text NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz
);
CREATE INDEX sessions_user ON sessions (organization_id, user_id);

-- An invitation to join an organization with a role; the token (shown once to the admin who made it) is the
-- proof; accepting it makes a membership.
CREATE TABLE invites (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  email           text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
  token_hash      text NOT NULL UNIQUE,
  invited_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  accepted_at     timestamptz,
  accepted_by     uuid,
  revoked_at      timestamptz
);
CREATE INDEX invites_org_created ON invites (organization_id, created_at DESC);

-- Row-level security like V2. Not FORCEd: the SECURITY DEFINER lookups below run as the owner and must see the
-- row they look for before the organization is known; the application role is not the owner, so the policies
-- always apply to it.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'sessions', 'invites']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (organization_id = omnify_current_org()) '
                   'WITH CHECK (organization_id = omnify_current_org())', t);
  END LOOP;
END $$;

-- A user belongs to more than one organization through memberships: an organization sees the users that are
-- its members (to list them), and creates users only as its own.
DROP POLICY tenant_isolation ON users;
CREATE POLICY tenant_isolation ON users
  USING (organization_id = omnify_current_org()
         OR EXISTS (SELECT 1 FROM memberships m
                     WHERE m.user_id = users.id AND m.organization_id = omnify_current_org()))
  WITH CHECK (organization_id = omnify_current_org());

-- Lookups that precede knowing the organization, each returning only the row its secret (or email) names.
CREATE FUNCTION omnify_find_login(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT u.id, u.password_hash FROM users u WHERE lower(u.email) = lower(p_email) $$;

CREATE FUNCTION omnify_user_orgs(p_user_id uuid)
  RETURNS TABLE (organization_id uuid, name text, role text, joined_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT o.id, o.name, m.role, m.created_at FROM memberships m JOIN organizations o ON o.id = m.organization_id
     WHERE m.user_id = p_user_id ORDER BY m.created_at, o.id
  $$;

CREATE FUNCTION omnify_find_session(p_token_hash text)
  RETURNS TABLE (session_id uuid, user_id uuid, organization_id uuid, role text, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT s.id, s.user_id, s.organization_id, m.role, s.expires_at FROM sessions s
      JOIN memberships m ON m.organization_id = s.organization_id AND m.user_id = s.user_id
     WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL
  $$;

CREATE FUNCTION omnify_find_invite(p_token_hash text)
  RETURNS TABLE (invite_id uuid, organization_id uuid, email text, role text, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT i.id, i.organization_id, i.email, i.role, i.expires_at FROM invites i
     WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
  $$;

REVOKE ALL ON FUNCTION omnify_find_login(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION omnify_user_orgs(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION omnify_find_session(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION omnify_find_invite(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION omnify_find_login(text), omnify_user_orgs(uuid), omnify_find_session(text),
  omnify_find_invite(text) TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, sessions, invites TO ${app_role}, ${pipeline_role};
