-- Questionnaires (调查问卷, 公众评判法) of an evaluation: the definition (levels with their weights as
-- exact decimal text, questions), the indicators it feeds, and the paper questionnaires entered as
-- counts per question and level. Respondents answer through invitation links without an account:
-- one invitation per respondent, kept only as the SHA-256 of its token, and at most one response per
-- invitation (the unique key refuses a second one, however concurrent).
create table surveys (
  id integer generated always as identity primary key,
  evaluation_id integer not null references evaluations (id) on delete cascade,
  name text not null check (length(btrim(name)) > 0),
  intro text not null default '',
  levels jsonb not null,
  questions jsonb not null,
  indicators jsonb not null default '[]',
  paper_counts jsonb not null default '{}',
  paper_sheets integer not null default 0 check (paper_sheets >= 0),
  created_by integer references users (id),
  created_at timestamptz not null default now()
);
create index surveys_evaluation on surveys (evaluation_id);

create table survey_invitations (
  id integer generated always as identity primary key,
  survey_id integer not null references surveys (id) on delete cascade,
  token_hash text not null unique,
  label text not null default '',
  created_at timestamptz not null default now()
);
create index survey_invitations_survey on survey_invitations (survey_id);

create table survey_responses (
  id integer generated always as identity primary key,
  invitation_id integer not null unique references survey_invitations (id) on delete cascade,
  survey_id integer not null references surveys (id) on delete cascade,
  answers jsonb not null,
  submitted_at timestamptz not null default now()
);
create index survey_responses_survey on survey_responses (survey_id);
