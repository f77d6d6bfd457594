-- 结果应用: rectification items (整改事项) of an evaluation, and the budget-consequence rule
-- (预算挂钩规则). Overdue (逾期) is not stored: it follows from the deadline and today.
create table rectifications (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  -- 'manual', or the problem/suggestion of the evaluation document it came from ('problem:0')
  source text not null default 'manual',
  text text not null check (length(btrim(text)) > 0),
  problem text not null default '',
  owner_unit text not null default '',
  owner_person text not null default '',
  deadline date not null,
  state text not null default 'pending' check (state in ('pending', 'in-progress', 'done')),
  measures text not null default '',
  result text not null default '',
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  updated_by integer references users (id),
  updated_at timestamptz not null default now()
);
create index rectifications_evaluation on rectifications (evaluation_id, id);
create unique index rectifications_source on rectifications (evaluation_id, source) where source <> 'manual';

-- 预算挂钩规则: every saved version kept; the newest is in force.
create table budget_rules (
  id integer generated always as identity primary key,
  rule jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null default now()
);
