-- 批量任务：rescoring a region's evaluations, generating their reports as one archive. A queue in
-- a table: workers take a job with `for update skip locked`, so several server processes sharing
-- one PostgreSQL run each job once; progress is written as they go and read by the API.
create table jobs (
  id integer generated always as identity primary key,
  kind text not null check (kind in ('rescore', 'reports')),
  params jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  progress integer not null default 0,
  total integer not null default 0,
  message text,
  result jsonb,
  created_by integer not null references users (id),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index jobs_queued on jobs (status, id);

-- 任务产出的文件（报告压缩包）.
create table job_files (
  job_id integer primary key references jobs (id) on delete cascade,
  name text not null,
  content_type text not null,
  data bytea not null
);
