-- jixiao schema, first migration. Append-only: never edit a migration that has been released;
-- add a new file with a later timestamp. Written in the SQL that PostgreSQL 15 and PGlite
-- (PostgreSQL 18) share.

-- 组织：财政局、主管部门、预算单位、第三方评价机构. A department's units have it as parent.
create table organisations (
  id integer generated always as identity primary key,
  parent_id integer references organisations (id),
  kind text not null check (kind in ('finance', 'department', 'unit', 'evaluator')),
  name text not null,
  -- 行政区划, province to county: a finance bureau sees the evaluations of its region and below
  region text not null,
  created_at timestamptz not null default now(),
  unique (parent_id, name)
);
create index organisations_parent on organisations (parent_id);
create index organisations_region on organisations (region text_pattern_ops);

-- 用户：one role each, in one organisation (none for the first admin).
create table users (
  id integer generated always as identity primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('admin', 'finance', 'department', 'unit', 'evaluator')),
  organisation_id integer references organisations (id),
  password_hash text not null,
  must_change_password boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

-- 会话：stored by the token's hash, never the token.
create table sessions (
  token_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_user on sessions (user_id);

-- 评价：the evaluation file (jixiao/evaluation@1) as JSON, its workflow status and version, and
-- the score of the current version (exact numerics).
create table evaluations (
  id integer generated always as identity primary key,
  organisation_id integer not null references organisations (id),
  fiscal_year integer not null,
  kind text not null,
  mode text not null,
  title text not null,
  status text not null default 'draft' check (
    status in ('draft', 'submitted', 'reviewing', 'returned', 'approved', 'finalised', 'archived')
  ),
  version integer not null default 1,
  document jsonb not null,
  total numeric,
  total_weight numeric,
  grade text,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index evaluations_organisation on evaluations (organisation_id, fiscal_year);

-- 版本：every saved version of an evaluation, kept whole.
create table evaluation_versions (
  evaluation_id integer not null references evaluations (id) on delete cascade,
  version integer not null,
  status text not null,
  document jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  primary key (evaluation_id, version)
);

-- 第三方评价机构的委托：an evaluator organisation sees only the evaluations assigned to it.
create table assignments (
  evaluation_id integer not null references evaluations (id) on delete cascade,
  organisation_id integer not null references organisations (id),
  primary key (evaluation_id, organisation_id)
);

-- 变更日志：who, when, what, before and after. Append-only (the trigger refuses update/delete);
-- no foreign key to evaluations, so the log outlives a deleted evaluation.
create table change_log (
  id integer generated always as identity primary key,
  at timestamptz not null default now(),
  user_id integer references users (id),
  evaluation_id integer,
  entity text not null,
  entity_id text,
  action text not null,
  reason text,
  before jsonb,
  after jsonb
);
create index change_log_evaluation on change_log (evaluation_id, id);

create function change_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception '变更日志只能追加，不能修改或删除';
end
$$;
create trigger change_log_append_only before update or delete on change_log
  for each row execute function change_log_append_only();
