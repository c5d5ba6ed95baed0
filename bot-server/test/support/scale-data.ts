import type pg from 'pg';

// A company at scale on top of the demo company, for the list-plan test and the lists bench: 240
// more reps in 12 teams under the demo's three sales departments, and `rows` customers, leads,
// deals, stage changes, tasks, follow-ups and audit entries (plus a fifth as many collaborators
// and half as many customer tags), spread over the reps, teams, statuses, stages and a year. One
// INSERT … SELECT over generate_series per table: seconds, not minutes.
//
// The time-driven work is switched off first (follow-up rules, stalled-deal limits) and the past
// tasks are marked reminded: the rows are here to be listed, and a scan finding 100,000 customers
// to act on would change them while the lists are read.

// In the statements below `$1` is the number of rows, `$2` the reps, `$3` the first generated
// customer's id. Row i's owner is rep (7i mod reps): every rep gets rows / reps of each table.
const rep = (i: string) => `($2::int[])[1 + (${i} * 7) % array_length($2::int[], 1)]`;
const customerOf = (i: string, step: number) => `$3::int + (${i} * ${step}) % $1::int`;
/** A time within the last `days` days, at millisecond precision (as the server writes them). */
const within = (i: string, days: number) =>
  `date_trunc('milliseconds', now() - ((${i}::bigint * 7919) % ${days * 86_400}) * interval '1 second')`;

export async function fillCompany(pool: pg.Pool, rows: number): Promise<void> {
  const db = await pool.connect();
  // Every row refers to rows that exist (read just before), so the foreign key checks (two thirds
  // of the time of a table that refers to three others) are skipped for this session, as a restore
  // does.
  await db.query(`set session_replication_role = 'replica'`);
  // The large tables' secondary indexes are built once at the end, as an import does: maintaining
  // them row by row (five GIN indexes on the customers) takes longer than the rows themselves.
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `select indexname as name, indexdef as definition from pg_indexes
      where schemaname = 'public' and tablename = any($1) and indexdef not like 'CREATE UNIQUE %'`,
    [largeTables],
  );
  try {
    for (const index of indexes) await db.query(`drop index "${index.name}"`);
    await fill(db, rows);
  } finally {
    for (const index of indexes) await db.query(index.definition);
    await db.query(`set session_replication_role = 'origin'`);
    db.release();
  }
  await pool.query(`analyze`);
}

const largeTables = [
  'customer',
  'customer_collaborator',
  'customer_tag',
  'follow_up',
  'lead',
  'opportunity',
  'stage_change',
  'task',
  'audit_log',
  'contract',
  'approval_instance',
  'approval_task',
];

async function fill(db: pg.PoolClient, rows: number): Promise<void> {
  await db.query('update follow_up_rule set enabled = false');
  await db.query('update pipeline_stage set stalled_after_days = null');
  await addTeams(db);
  const reps = await ids(
    db,
    `select u.id from app_user u join role_assignment a on a.user_id = u.id join role r on r.id = a.role_id
      where r.code = 'sales' order by u.id`,
  );
  const first = (await ids(db, 'select coalesce(max(id), 0) + 1 as id from customer'))[0]!;
  const params = [rows, reps, first];
  await db.query(
    `insert into customer (kind, name, level, industry, region, city, source, owner_id, last_follow_up_at,
                           created_at, updated_at, deleted_at)
     select case when i % 5 = 0 then 'person' else 'company' end, '规模客户' || i,
            (array['A', 'B', 'B', 'C', 'C'])[1 + i % 5], (array['制造业', '互联网', '零售', '医疗'])[1 + i % 4],
            (array['北京', '上海', '广东', '浙江', '江苏'])[1 + i % 5], '城市' || (i % 50), '展会',
            case when i % 100 = 0 then null else ${rep('i')} end, ${within('i', 30)},
            ${within('i * 3', 365)}, ${within('i', 365)}, case when i % 50 = 0 then now() - interval '1 day' end
       from generate_series(1, $1::int) i`,
    [rows, reps],
  );
  // A fifth of the customers have another rep as collaborator; half carry a tag.
  await db.query(
    `insert into customer_collaborator (customer_id, user_id)
     select c.id, ($1::int[])[1 + (c.id * 11) % array_length($1::int[], 1)]
       from customer c
      where c.id >= $2::int and c.id % 5 = 0 and c.owner_id is not null
        and c.owner_id <> ($1::int[])[1 + (c.id * 11) % array_length($1::int[], 1)]`,
    [reps, first],
  );
  await db.query(
    `insert into customer_tag (customer_id, tag_id)
     select c.id, ($1::int[])[1 + c.id % array_length($1::int[], 1)]
       from customer c where c.id >= $2::int and c.id % 2 = 0`,
    [await ids(db, 'select id from tag order by id'), first],
  );
  await db.query(
    `insert into follow_up (customer_id, author_id, kind, content, occurred_at, created_at)
     select ${customerOf('i', 13)}, ${rep('i')}, (array['call', 'visit', 'wechat', 'email', 'meeting'])[1 + i % 5],
            '第' || i || '次跟进：客户关心交期和价格', ${within('i', 365)}, now()
       from generate_series(1, $1::int) i`,
    params,
  );
  await addLeads(db, rows, reps, first);
  await addDeals(db, rows, reps, first);
  await addTasks(db, rows, reps, first);
  await addContracts(db, rows, first);
  await addApprovals(db, rows, reps);
  await db.query(
    `insert into audit_log (at, actor_id, action, object_type, object_id, changes, via)
     select now() - ($1::int - i) * interval '5 minutes', ${rep('i')},
            (array['update', 'update', 'create', 'reveal', 'export', 'login'])[1 + i % 6],
            (array['customer', 'customer', 'lead', 'opportunity'])[1 + i % 4], (${customerOf('i', 13)})::text,
            '{}', 'api'
       from generate_series(1, $1::int) i`,
    params,
  );
}

/** Twelve teams of twenty reps under the demo's three sales departments. */
async function addTeams(db: pg.PoolClient) {
  await db.query(
    `insert into department (name, parent_id, path, sort_order, created_at, updated_at)
     select d.name || '第' || t || '组', d.id, d.path, t, now(), now()
       from department d cross join generate_series(1, 4) t where d.name like '%销售部'`,
  );
  await db.query(`update department set path = path || id || '/' where name ~ '销售部第[0-9]组$'`);
  await db.query(
    `insert into app_user (name, department_id, active, created_at, updated_at)
     select d.name || '销售' || n, d.id, true, now(), now()
       from department d cross join generate_series(1, 20) n where d.name ~ '销售部第[0-9]组$'`,
  );
  await db.query(
    `insert into role_assignment (user_id, role_id, scope, department_id, created_at)
     select u.id, r.id, r.default_scope, u.department_id, now()
       from app_user u cross join role r where r.code = 'sales' and u.name ~ '组销售[0-9]+$'`,
  );
}

/**
 * Leads: three in ten waiting (half in a team's queue, half in the pool), four claimed, one
 * invalid, two converted into one of the customers.
 */
async function addLeads(db: pg.PoolClient, rows: number, reps: number[], first: number) {
  const teams = await ids(db, `select id from department where name like '%销售部%' order by id`);
  await db.query(
    `insert into lead (company, contact_name, region, source, status, team_id, owner_id, claimed_at, customer_id,
                       converted_at, invalid_reason, last_activity_at, created_at, updated_at)
     select '规模线索' || i, '联系人' || i, (array['北京', '上海', '广东', '浙江', '江苏'])[1 + i % 5], '官网表单',
            s.status, case when s.status <> 'new' or i % 2 = 0 then ($4::int[])[1 + i % array_length($4::int[], 1)] end,
            case when s.status <> 'new' then ${rep('i')} end,
            case when s.status <> 'new' then ${within('i', 180)} end,
            case when s.status = 'converted' then ${customerOf('i', 17)} end,
            case when s.status = 'converted' then ${within('i', 90)} end,
            case when s.status = 'invalid' then '空号' end,
            ${within('i', 60)}, ${within('i * 3', 365)}, ${within('i', 365)}
       from generate_series(1, $1::int) i
       cross join lateral (select (array['new', 'new', 'new', 'claimed', 'claimed', 'claimed', 'claimed',
                                         'invalid', 'converted', 'converted'])[1 + i % 10] as status) s`,
    [rows, reps, first, teams],
  );
}

/**
 * Deals of the customers, owned by the customer's owner: six in ten open over the four open
 * stages, the others won or lost; one in fifty in the recycle bin. One stage change per deal.
 */
async function addDeals(db: pg.PoolClient, rows: number, reps: number[], first: number) {
  const stage = async (outcome: string) =>
    ids(db, 'select id from pipeline_stage where outcome = $1 order by position', [outcome]);
  const open = await stage('open');
  const [won] = await stage('won');
  const [lost] = await stage('lost');
  const firstDeal = (await ids(db, 'select coalesce(max(id), 0) + 1 as id from opportunity'))[0]!;
  await db.query(
    `insert into opportunity (name, customer_id, owner_id, stage_id, amount_cents, status, closed_at,
                              stage_changed_at, deleted_at, created_at, updated_at)
     select '规模商机' || i, c.id, c.owner_id,
            case s.status when 'won' then $4::int when 'lost' then $5::int
                          else ($3::int[])[1 + i % array_length($3::int[], 1)] end,
            (i % 1000) * 10000, s.status, case when s.status <> 'open' then ${within('i', 365)} end,
            ${within('i', 120)}, case when i % 50 = 0 then now() - interval '1 day' end,
            ${within('i * 3', 365)}, ${within('i', 365)}
       from generate_series(1, $1::int) i
       join customer c on c.id = $2::int + (i * 17) % $1::int
       cross join lateral (select (array['open', 'open', 'open', 'open', 'open', 'open', 'won', 'won', 'won',
                                         'lost'])[1 + i % 10] as status) s`,
    [rows, first, open, won, lost],
  );
  await db.query(
    `insert into stage_change (opportunity_id, from_stage_id, to_stage_id, by_id, at)
     select $3::int + (i * 7) % $1::int, ($4::int[])[1 + i % 3], ($4::int[])[2 + i % 3], ${rep('i')},
            ${within('i', 365)}
       from generate_series(1, $1::int) i`,
    [rows, reps, firstDeal, open],
  );
}

/**
 * Tasks of the reps about the customers: half open (half of those past due, and reminded; the
 * others due from tomorrow on), nine in twenty done, one in twenty cancelled.
 */
async function addTasks(db: pg.PoolClient, rows: number, reps: number[], first: number) {
  await db.query(
    `insert into task (title, assignee_id, customer_id, due_at, status, done_at, reminded_at, created_at, updated_at)
     select '回访客户 ' || i, ${rep('i')}, ${customerOf('i', 19)}, d.due, s.status,
            case when s.status = 'done' then d.due end, case when d.due < now() then d.due end,
            d.due - interval '3 days', now()
       from generate_series(1, $1::int) i
       cross join lateral (select case when i % 4 = 1 then now() + interval '1 day' + ((i * 7919) % 7776000) * interval '1 second'
                                       else ${within('i', 365)} end as due) d
       cross join lateral (select case when i % 4 in (0, 1) then 'open' when i % 20 = 2 then 'cancelled'
                                       else 'done' end as status) s`,
    [rows, reps, first],
  );
}

/**
 * Contracts of the customers, owned by the customer's owner: half active, a fifth drafts, a fifth
 * in approval, the rest expired or terminated.
 */
async function addContracts(db: pg.PoolClient, rows: number, first: number) {
  await db.query(
    `insert into contract (number, name, customer_id, owner_id, amount_cents, start_date, end_date, signed_date,
                           status, created_at, updated_at)
     select 'HT-S' || i, '规模合同' || i, c.id, c.owner_id, (1 + i % 1000) * 100000, d.start, d.start + 365,
            case when s.status <> 'draft' then d.start end, s.status, ${within('i * 3', 365)}, ${within('i', 365)}
       from generate_series(1, $1::int) i
       join customer c on c.id = $2::int + (i * 23) % $1::int
       cross join lateral (select (current_date - (i % 700))::date as start) d
       cross join lateral (select (array['active', 'active', 'active', 'active', 'active', 'draft', 'draft',
                                         'pending', 'pending', 'expired'])[1 + i % 10] as status) s`,
    [rows, first],
  );
}

/**
 * An approval run per contract that went through approval, each with one task: the reps and
 * managers decide in turn, so every person's boxes (待我审批, 已处理, 抄送我) hold many.
 */
async function addApprovals(db: pg.PoolClient, rows: number, reps: number[]) {
  const [flow] = await ids(
    db,
    `select id from approval_flow where doc_type = 'contract' order by version desc`,
  );
  const people = [
    ...reps,
    ...(await ids(db, `select id from app_user where name in ('李娜', '王建国', '罗娟')`)),
  ];
  const firstRun = (await ids(db, 'select coalesce(max(id), 0) + 1 as id from approval_instance'))[0]!;
  await db.query(
    `insert into approval_instance (flow_id, doc_type, doc_id, customer_id, title, submitter_id, status, snapshot,
                                    route, current_step, created_at, decided_at)
     select $2::int, 'contract', k.id, k.customer_id, '合同 ' || k.number, coalesce(k.owner_id, ($3::int[])[1]),
            case k.status when 'pending' then 'pending' when 'draft' then 'rejected' else 'approved' end,
            jsonb_build_object('amountCents', k.amount_cents),
            '[{"nodeId": "manager", "name": "销售经理审批", "kind": "approve", "mode": "any", "approverIds": []}]',
            0, k.created_at, case when k.status <> 'pending' then k.updated_at end
       from contract k where k.number like 'HT-S%' order by k.id limit $1::int`,
    [rows, flow, reps],
  );
  await db.query(
    `insert into approval_task (instance_id, step, position, approver_id, status, acted_at, created_at)
     select r.id, 0, 0, ($2::int[])[1 + (r.id * 7919) % array_length($2::int[], 1)],
            case when r.status = 'pending' then 'pending' when r.id % 11 = 0 then 'notified' else r.status end,
            r.decided_at, r.created_at
       from approval_instance r where r.id >= $1::int`,
    [firstRun, people],
  );
}

async function ids(db: pg.PoolClient, sql: string, params: unknown[] = []): Promise<number[]> {
  return (await db.query<{ id: number }>(sql, params)).rows.map((r) => Number(r.id));
}
