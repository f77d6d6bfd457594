-- 实施方案（工作方案）of a third-party evaluation: the evaluator's work plan, uploaded as a file and
-- stored whole in the database. Every upload is a new row (a version); the newest is the current
-- one, and the one the archive package holds.
create table work_plans (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  name text not null,
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);
create index work_plans_evaluation on work_plans (evaluation_id, id);
