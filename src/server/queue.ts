/**
 * Who runs the batch jobs (批量任务队列). Both queues run the same jobs (./jobs.ts) behind one
 * interface; the job's record — status, progress, result, file — is always the `jobs` table, which
 * the API reads.
 *
 * - **Embedded database** (PGlite: one process holds the data directory): `InProcessQueue`. The row
 *   is the queue; this process's worker runs the waiting jobs oldest first, one at a time, woken
 *   when a job is queued. Jobs a stopped process left running are queued again at start.
 * - **PostgreSQL server** (several processes may share it): `PgBossQueue`, on
 *   [pg-boss](https://github.com/timgit/pg-boss) in its own schema `pgboss`. The job is sent in
 *   the transaction that records it; any process's worker may take it, and only one does. A worker
 *   that dies (kill -9, lost machine) stops its heartbeat; within a minute or two pg-boss hands the job
 *   out again and it starts over (up to 3 times).
 */
import { PgBoss } from 'pg-boss';
import type { Database, Queryable } from './db/database.ts';
import { type JobHandoff, requeueInterrupted, runJob, runQueuedJobs } from './jobs.ts';

export interface JobQueue extends JobHandoff {
  readonly name: 'in-process' | 'pg-boss';
  /** Starts taking jobs (and, for pg-boss, installs or updates its schema). */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the one in hand. */
  stop(): Promise<void>;
}

/** The embedded database's queue: the `jobs` table, run by this process. */
export class InProcessQueue implements JobQueue {
  readonly name = 'in-process';
  private readonly db: Database;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(db: Database) {
    this.db = db;
  }

  async start(): Promise<void> {
    await requeueInterrupted(this.db);
    this.wake();
  }

  enqueue(): Promise<void> {
    return Promise.resolve(); // the row is the queue
  }

  /** Runs the waiting jobs now; if a run is under way, once more after it (it may have missed one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = runQueuedJobs(this.db)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    while (this.running !== undefined) await this.running;
  }
}

/** pg-boss's queue for our jobs. */
export const PGBOSS_QUEUE = 'jixiao-jobs';

export interface PgBossQueueOptions {
  /** Take jobs in this process (default true); false only sends them (for tests of several processes). */
  work?: boolean;
  /** How often an idle worker looks for jobs sent by other processes, seconds (default 2). */
  pollingIntervalSeconds?: number;
  /**
   * A worker silent this long is taken for dead and its job handed out again, seconds (default 60;
   * the worker beats every half of it while the job runs). Applies when this process creates the queue.
   */
  heartbeatSeconds?: number;
  /** How often this process looks for dead workers' jobs, seconds (default 60). */
  superviseIntervalSeconds?: number;
}

/** A PostgreSQL server's queue: pg-boss, shared by every process on the database. */
export class PgBossQueue implements JobQueue {
  readonly name = 'pg-boss';
  private readonly db: Database;
  private readonly boss: PgBoss;
  private readonly options: PgBossQueueOptions;
  private workerId: string | undefined;

  constructor(db: Database, url: string, options: PgBossQueueOptions = {}) {
    this.db = db;
    this.options = options;
    this.boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      max: 3,
      schedule: false,
      application_name: 'jixiao-jobs',
      ...(options.superviseIntervalSeconds === undefined
        ? {}
        : {
            superviseIntervalSeconds: options.superviseIntervalSeconds,
            monitorIntervalSeconds: options.superviseIntervalSeconds,
          }),
    });
    // an error inside pg-boss's own timers (a lost connection) is retried by it; it must not end the process
    this.boss.on('error', (e: unknown) => {
      console.error(`任务队列（pg-boss）出错：${e instanceof Error ? e.message : String(e)}`);
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
    if ((await this.boss.getQueue(PGBOSS_QUEUE)) === null)
      await this.boss
        .createQueue(PGBOSS_QUEUE, {
          retryLimit: 3,
          heartbeatSeconds: this.options.heartbeatSeconds ?? 60,
          expireInSeconds: 6 * 3600,
          deleteAfterSeconds: 7 * 24 * 3600,
        })
        .catch(async (e: unknown) => {
          // another process created it in the meantime
          if ((await this.boss.getQueue(PGBOSS_QUEUE)) === null) throw e;
        });
    if (this.options.work === false) return;
    this.workerId = await this.boss.work<{ jobId: number }>(
      PGBOSS_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        if (job !== undefined) await runJob(this.db, job.data.jobId, true);
      },
    );
  }

  async enqueue(tx: Queryable, id: number): Promise<void> {
    await this.boss.send(
      PGBOSS_QUEUE,
      { jobId: id },
      {
        singletonKey: `job-${String(id)}`,
        db: { executeSql: (text: string, values?: unknown[]) => tx.query(text, values ?? []) },
      },
    );
  }

  wake(): void {
    if (this.workerId !== undefined) this.boss.notifyWorker(this.workerId);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 60_000, close: true });
  }
}

/** The queue for `db`: pg-boss on a PostgreSQL server, the in-process queue on the embedded one. */
export function openJobQueue(db: Database, options: PgBossQueueOptions = {}): JobQueue {
  if (db.kind === 'postgres') {
    if (db.url === undefined) throw new Error('PostgreSQL 连接缺少地址，无法启动任务队列');
    return new PgBossQueue(db, db.url, options);
  }
  return new InProcessQueue(db);
}
