-- 第三方评价 (财监〔2021〕4号): the draft sent for written comments (征求意见稿) as a snapshot of the
-- evaluation's version, the comments on it with the evaluator's reply (采纳 / 不采纳 with a reason),
-- and the evidence files (佐证资料) attached to indicators, stored whole in the database.

-- 征求意见稿：the evaluation's document as it was sent, to whom, and by when comments are due.
create table third_party_drafts (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  version integer not null,
  document jsonb not null,
  recipient text not null check (length(btrim(recipient)) > 0),
  deadline date not null,
  note text not null default '',
  sent_by integer references users (id),
  sent_at timestamptz not null default now()
);
create index third_party_drafts_evaluation on third_party_drafts (evaluation_id, id);

-- 反馈意见：on one indicator (by code), one report section, or the whole draft; and the reply.
create table third_party_comments (
  id integer generated always as identity primary key,
  draft_id integer not null references third_party_drafts (id) on delete cascade,
  target_kind text not null check (target_kind in ('indicator', 'section', 'whole')),
  target text not null default '',
  body text not null check (length(btrim(body)) > 0),
  commenter text not null,
  created_by integer references users (id),
  created_at timestamptz not null default now(),
  decision text check (decision in ('adopted', 'rejected')),
  reason text,
  replied_by integer references users (id),
  replied_at timestamptz,
  -- 不采纳 always says why
  check (decision is distinct from 'rejected' or length(btrim(coalesce(reason, ''))) > 0)
);
create index third_party_comments_draft on third_party_comments (draft_id, id);

-- 佐证资料：a file per row, attached to an indicator of the evaluation.
create table evidence_files (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  indicator text not null,
  name text not null,
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_at timestamptz not null default now()
);
create index evidence_files_evaluation on evidence_files (evaluation_id, indicator, id);
