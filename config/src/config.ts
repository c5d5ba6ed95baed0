import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { z } from 'zod';
import { sandboxDingTalk, sandboxLeadWebhookSecret, sandboxWeCom } from './sandbox-defaults.js';
import { envSchema, type ParsedEnv, secretKeys } from './schema.js';

export interface WeComConfig {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** Undefined in sandbox mode: the server's own `/sandbox/wecom` stands in for the platform. */
  apiBase: string | undefined;
}

export interface DingTalkConfig {
  clientId: string;
  clientSecret: string;
  corpId: string | undefined;
  agentId: string | undefined;
  /** HTTP mode only: the event subscription token and aes_key. */
  token: string | undefined;
  aesKey: string | undefined;
  mode: 'stream' | 'http';
  /** The id DingTalk gave the imported general card template (cards/dingtalk/templates). */
  cardTemplateId: string;
  /** Undefined in sandbox mode: the server's own `/sandbox/dingtalk` stands in. */
  apiBase: string | undefined;
  oapiBase: string | undefined;
}

export interface Config {
  port: number;
  /** Where the platforms and browsers reach this server; undefined means http://localhost:<port>. */
  publicUrl: string | undefined;
  database: {
    /** Undefined: run the embedded PGlite in `dataDir`. */
    url: string | undefined;
    dataDir: string;
  };
  logLevel: ParsedEnv['LOG_LEVEL'];
  displayTimeZone: string;
  sandbox: boolean;
  /**
   * In sandbox mode, whether an empty database gets the demo company (its roles, customers and
   * deals). Off: only the sandbox's directory, synced like a real company's, nobody holding a role,
   * so going live can be rehearsed.
   */
  sandboxDemoData: boolean;
  /**
   * The first administrators, as mobiles or WeCom / DingTalk user ids: granted the admin role at
   * start and after every org sync once the directory has them (never taken away here).
   */
  adminUsers: readonly string[];
  /**
   * Roles the org sync gives people who never had one, by department: members of a department whose
   * name contains `department` (or of one below it) get `member`, its head `head` (role names or codes).
   */
  defaultRoles: readonly DefaultRoleRule[];
  /**
   * The HMAC key web forms sign their leads with (POST /api/leads/inbound). Undefined: the webhook
   * is off. The sandbox has a published default so a newcomer can post a lead at once.
   */
  leadWebhookSecret: string | undefined;
  /** Sign-in attempts (POST /api/auth/…) one client (IP address) may make per minute. */
  authAttemptsPerMinute: number;
  /**
   * Whether a reverse proxy stands in front: then the client is the one X-Forwarded-For names (and
   * X-Forwarded-Proto the scheme); without one, anyone could name any address there and dodge the
   * sign-in limit by it.
   */
  trustProxy: boolean;
  /**
   * Whether the background work (event handlers, senders, jobs) runs in a thread of its own beside
   * the door (callbacks, API). It pays where the cores are Kelian's (PostgreSQL on another host);
   * with PostgreSQL, the sandbox and a load generator on the same two cores it cost the door more
   * than it gave the workers (bench/callbacks.ts with BENCH_WORKERS).
   */
  workersThread: boolean;
  /** Undefined when the server runs without WeCom. */
  wecom: WeComConfig | undefined;
  dingtalk: DingTalkConfig | undefined;
}

export interface DefaultRoleRule {
  department: string;
  member: string;
  head: string;
}

/** Thrown when the configuration is wrong; `message` lists every wrong key. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { key: string; problem: string }[]) {
    super(
      [
        `Kelian cannot start: ${problems.length} configuration ${problems.length === 1 ? 'problem' : 'problems'}`,
        ...problems.map((p) => `  - ${p.key}: ${p.problem}`),
        'Set them in the environment or in .env (every key is described in .env.example).',
      ].join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  /** The environment to read; the process environment by default. */
  env?: Record<string, string | undefined>;
  /** A dotenv file read beneath the environment; `.env` in the working directory by default, false for none. */
  envFile?: string | false;
}

/** Reads, validates and types the configuration. Throws ConfigError listing every wrong key. */
export function loadConfig(options: LoadOptions = {}): Config {
  const fileEnv = readEnvFile(options.envFile === undefined ? '.env' : options.envFile);
  const env = { ...fileEnv, ...(options.env ?? process.env) };
  // An empty value (`SANDBOX=` in a copied .env.example) means the key is not set.
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, known));
  return assemble(parsed.data);
}

function readEnvFile(path: string | false): Record<string, string> {
  if (path === false) return {};
  const full = resolve(path);
  if (!existsSync(full)) return {};
  return parseEnv(readFileSync(full, 'utf8')) as Record<string, string>;
}

function describeIssues(error: z.ZodError, raw: Record<string, unknown>) {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '(unknown)');
    const value = raw[key];
    const shown = value === undefined || secretKeys.has(key) ? '' : ` (got ${JSON.stringify(value)})`;
    return { key, problem: `${issue.message}${shown}` };
  });
}

function assemble(e: ParsedEnv): Config {
  const hasWeCom = Boolean(e.WECOM_CORP_ID || e.WECOM_SECRET);
  const hasDingTalk = Boolean(e.DINGTALK_CLIENT_ID || e.DINGTALK_CLIENT_SECRET);
  // No credentials at all means a newcomer's machine: run against the sandbox with demo data.
  const sandbox = e.SANDBOX ?? !(hasWeCom || hasDingTalk);
  const problems: { key: string; problem: string }[] = [];

  const wecom = sandbox
    ? {
        corpId: e.WECOM_CORP_ID ?? sandboxWeCom.corpId,
        agentId: e.WECOM_AGENT_ID ?? sandboxWeCom.agentId,
        secret: e.WECOM_SECRET ?? sandboxWeCom.secret,
        token: e.WECOM_TOKEN ?? sandboxWeCom.token,
        encodingAesKey: e.WECOM_ENCODING_AES_KEY ?? sandboxWeCom.encodingAesKey,
        apiBase: e.WECOM_API_BASE,
      }
    : hasWeCom
      ? {
          corpId: required(e, 'WECOM_CORP_ID', 'the WeCom corp id (我的企业 → 企业ID)', problems),
          agentId: required(e, 'WECOM_AGENT_ID', 'the AgentId of the WeCom app', problems),
          secret: required(e, 'WECOM_SECRET', 'the Secret of the WeCom app', problems),
          token: required(e, 'WECOM_TOKEN', 'the callback Token of the WeCom app', problems),
          encodingAesKey: required(e, 'WECOM_ENCODING_AES_KEY', 'the callback EncodingAESKey', problems),
          apiBase: e.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
        }
      : undefined;

  const dingtalk = sandbox
    ? {
        clientId: e.DINGTALK_CLIENT_ID ?? sandboxDingTalk.clientId,
        clientSecret: e.DINGTALK_CLIENT_SECRET ?? sandboxDingTalk.clientSecret,
        corpId: e.DINGTALK_CORP_ID ?? sandboxDingTalk.corpId,
        agentId: e.DINGTALK_AGENT_ID ?? sandboxDingTalk.agentId,
        token: e.DINGTALK_TOKEN ?? sandboxDingTalk.token,
        aesKey: e.DINGTALK_AES_KEY ?? sandboxDingTalk.aesKey,
        mode: e.DINGTALK_MODE,
        cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID ?? sandboxDingTalk.cardTemplateId,
        apiBase: e.DINGTALK_API_BASE,
        oapiBase: e.DINGTALK_OAPI_BASE,
      }
    : hasDingTalk
      ? {
          clientId: required(e, 'DINGTALK_CLIENT_ID', 'the Client ID (AppKey) of the DingTalk app', problems),
          clientSecret: required(
            e,
            'DINGTALK_CLIENT_SECRET',
            'the Client Secret of the DingTalk app',
            problems,
          ),
          corpId: e.DINGTALK_CORP_ID,
          agentId: e.DINGTALK_AGENT_ID,
          token:
            e.DINGTALK_MODE === 'http'
              ? required(e, 'DINGTALK_TOKEN', 'the event subscription token (HTTP mode)', problems)
              : e.DINGTALK_TOKEN,
          aesKey:
            e.DINGTALK_MODE === 'http'
              ? required(e, 'DINGTALK_AES_KEY', 'the event subscription aes_key (HTTP mode)', problems)
              : e.DINGTALK_AES_KEY,
          mode: e.DINGTALK_MODE,
          cardTemplateId: required(
            e,
            'DINGTALK_CARD_TEMPLATE_ID',
            'the id of the imported card template (cards/dingtalk/templates/kelian-general.json)',
            problems,
          ),
          apiBase: e.DINGTALK_API_BASE ?? 'https://api.dingtalk.com',
          oapiBase: e.DINGTALK_OAPI_BASE ?? 'https://oapi.dingtalk.com',
        }
      : undefined;

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    database: { url: e.DATABASE_URL, dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    displayTimeZone: e.TZ_DISPLAY,
    sandbox,
    sandboxDemoData: e.SANDBOX_DEMO_DATA,
    adminUsers: e.ADMIN_USERS,
    defaultRoles: e.DEFAULT_ROLES,
    leadWebhookSecret: e.LEAD_WEBHOOK_SECRET ?? (sandbox ? sandboxLeadWebhookSecret : undefined),
    authAttemptsPerMinute: e.AUTH_ATTEMPTS_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    workersThread: e.WORKERS_THREAD,
    wecom,
    dingtalk,
  };
}

function required<K extends keyof ParsedEnv>(
  e: ParsedEnv,
  key: K,
  what: string,
  problems: { key: string; problem: string }[],
): string {
  const value = e[key];
  if (typeof value === 'string' && value !== '') return value;
  problems.push({ key, problem: `required with real platform credentials: ${what}` });
  return '';
}
