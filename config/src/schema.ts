import { z } from 'zod';

// Every key the server reads, with its default and what a wrong value means.
// Later issues add keys here, never by reading process.env elsewhere.

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const onOff = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
    error: 'expected true or false',
  })
  .transform((v) => ['true', '1', 'on', 'yes'].includes(v));

const url = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || URL.canParse(v), { error: `expected ${what}` });

/** `销售=销售/销售主管; 客服=客服`: department word = role of its members [/ role of its head]. */
const defaultRoles = z
  .string()
  .trim()
  .transform((v) =>
    v
      .split(/[;；\n]+/)
      .map((rule) => rule.trim())
      .filter(Boolean),
  )
  .refine((rules) => rules.every((rule) => /^[^=/]+=[^=/]+(\/[^=/]+)?$/.test(rule)), {
    error: "expected rules like 销售=销售/销售主管;客服=客服 (department = members' role / head's role)",
  })
  .transform((rules) =>
    rules.map((rule) => {
      const [department, roles] = rule.split('=') as [string, string];
      const [member, head] = roles.split('/').map((r) => r.trim()) as [string, string | undefined];
      return { department: department.trim(), member, head: head ?? member };
    }),
  );

export const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number 0–65535' })
    .int('expected a port number 0–65535')
    .min(0, 'expected a port number 0–65535')
    .max(65535, 'expected a port number 0–65535')
    .default(3000),
  PUBLIC_URL: url('an absolute URL such as https://crm.example.com'),
  DATABASE_URL: url('a PostgreSQL URL such as postgres://user:pass@host:5432/kelian').refine(
    (v) => v === undefined || /^postgres(ql)?:$/.test(new URL(v).protocol),
    { error: 'expected a postgres:// or postgresql:// URL' },
  ),
  LEAD_WEBHOOK_SECRET: z.string().trim().min(16, 'expected at least 16 characters').optional(),
  AUTH_ATTEMPTS_PER_MINUTE: z.coerce
    .number({ error: 'expected a whole number 1–1000000' })
    .int('expected a whole number 1–1000000')
    .min(1, 'expected a whole number 1–1000000')
    .max(1_000_000, 'expected a whole number 1–1000000')
    .default(30),
  TRUST_PROXY: onOff.default(false),
  WORKERS_THREAD: onOff.default(false),
  DATA_DIR: z.string().trim().min(1, 'expected a folder path').default('./data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TZ_DISPLAY: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => isTimeZone(tz), { error: 'expected an IANA time zone such as Asia/Shanghai' }),
  SANDBOX: onOff.optional(),
  SANDBOX_DEMO_DATA: onOff.default(true),
  ADMIN_USERS: z
    .string()
    .trim()
    .transform((v) => [...new Set(v.split(/[\s,，;；]+/).filter(Boolean))])
    .refine((list) => list.every((id) => id.length <= 64), {
      error: 'expected mobiles or platform user ids (at most 64 characters each), separated by commas',
    })
    .default([]),
  DEFAULT_ROLES: defaultRoles.default([]),
  WECOM_CORP_ID: optionalText,
  WECOM_AGENT_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
    error: 'expected the numeric AgentId of the WeCom app',
  }),
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText,
  WECOM_ENCODING_AES_KEY: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{43}$/.test(v), {
    error: 'expected the 43-character EncodingAESKey',
  }),
  WECOM_API_BASE: url('an absolute URL such as https://qyapi.weixin.qq.com'),
  DINGTALK_CLIENT_ID: optionalText,
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_CORP_ID: optionalText,
  DINGTALK_AGENT_ID: optionalText.refine((v) => v === undefined || /^\d+$/.test(v), {
    error: 'expected the numeric AgentId of the DingTalk app',
  }),
  DINGTALK_TOKEN: optionalText,
  DINGTALK_AES_KEY: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{43}$/.test(v), {
    error: 'expected the 43-character aes_key',
  }),
  DINGTALK_CARD_TEMPLATE_ID: optionalText,
  DINGTALK_MODE: z.enum(['stream', 'http'], { error: 'expected stream or http' }).default('stream'),
  DINGTALK_API_BASE: url('an absolute URL such as https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: url('an absolute URL such as https://oapi.dingtalk.com'),
});

export type RawEnv = z.input<typeof envSchema>;
export type ParsedEnv = z.output<typeof envSchema>;

/** Keys whose values never appear in logs or error messages. */
export const secretKeys = new Set<string>([
  'DATABASE_URL',
  'WECOM_SECRET',
  'WECOM_TOKEN',
  'WECOM_ENCODING_AES_KEY',
  'DINGTALK_CLIENT_SECRET',
  'DINGTALK_TOKEN',
  'DINGTALK_AES_KEY',
  'LEAD_WEBHOOK_SECRET',
]);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
