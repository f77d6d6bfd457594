-- 绩效目标申报表 and 双监控 checkpoints of an evaluation. The sheet and each checkpoint are kept as
-- JSON with their amounts as exact decimal text (src/core/monitoring/types.ts); the sheet has its
-- own version for optimistic locking, and a checkpoint is one per period (1–N月) of the evaluation.
create table monitoring_targets (
  evaluation_id integer primary key references evaluations (id) on delete cascade,
  sheet jsonb not null,
  version integer not null default 1,
  updated_by integer references users (id),
  updated_at timestamptz not null default now()
);

create table monitoring_checkpoints (
  evaluation_id integer not null references evaluations (id) on delete cascade,
  months integer not null check (months between 1 and 12),
  checkpoint jsonb not null,
  updated_by integer references users (id),
  updated_at timestamptz not null default now(),
  primary key (evaluation_id, months)
);
