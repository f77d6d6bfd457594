-- Custom indicator-system templates (自定义指标体系模板): an evaluation's indicator system, without
-- its results, saved by a finance bureau or an admin for others to start from. The built-in
-- templates live in the code (src/core/templates) and are not stored.
create table custom_templates (
  id integer generated always as identity primary key,
  name text not null check (length(btrim(name)) > 0),
  locality text not null default '',
  year integer not null check (year between 2000 and 2100),
  kind text not null check (kind in ('project', 'department', 'unit')),
  description text not null default '',
  source text not null default '',
  document jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null default now()
);
create unique index custom_templates_name on custom_templates (lower(btrim(name)));
