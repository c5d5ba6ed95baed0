import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, sandboxWeCom } from '@kelian/config';
import { describe, expect, test } from 'vitest';

const load = (env: Record<string, string>) => loadConfig({ env, envFile: false });

function problemsOf(env: Record<string, string>) {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('an empty environment runs the sandbox on port 3000 with the embedded database', () => {
    const c = load({});
    expect(c.port).toBe(3000);
    expect(c.sandbox).toBe(true);
    expect(c.database).toEqual({ url: undefined, dataDir: './data' });
    expect(c.displayTimeZone).toBe('Asia/Shanghai');
    expect(c.wecom?.corpId).toBe(sandboxWeCom.corpId);
    expect(c.wecom?.apiBase).toBeUndefined();
    expect(c.dingtalk?.mode).toBe('stream');
  });

  test('a wrong PORT stops the start with a message naming PORT and the value', () => {
    const e = problemsOf({ PORT: 'abc' });
    expect(e.message).toContain('PORT');
    expect(e.message).toContain('"abc"');
    expect(e.problems.map((p) => p.key)).toEqual(['PORT']);
  });

  test('every wrong key is listed at once', () => {
    const e = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      DINGTALK_MODE: 'carrier-pigeon',
      TZ_DISPLAY: 'Mars/Base',
    });
    expect(e.problems.map((p) => p.key).sort()).toEqual(['DINGTALK_MODE', 'LOG_LEVEL', 'PORT', 'TZ_DISPLAY']);
  });

  test('secret values never appear in the message', () => {
    const e = problemsOf({
      WECOM_ENCODING_AES_KEY: 'tooShortButSecret',
      DATABASE_URL: 'mysql://u:hunter2@h/db',
    });
    expect(e.problems.map((p) => p.key).sort()).toEqual(['DATABASE_URL', 'WECOM_ENCODING_AES_KEY']);
    expect(e.message).not.toContain('tooShortButSecret');
    expect(e.message).not.toContain('hunter2');
  });

  test('real WeCom credentials turn the sandbox off and require the whole set', () => {
    const e = problemsOf({ WECOM_CORP_ID: 'ww123', WECOM_SECRET: 's' });
    expect(e.problems.map((p) => p.key).sort()).toEqual([
      'WECOM_AGENT_ID',
      'WECOM_ENCODING_AES_KEY',
      'WECOM_TOKEN',
    ]);
    const c = load({
      WECOM_CORP_ID: 'ww123',
      WECOM_SECRET: 's',
      WECOM_AGENT_ID: '1000002',
      WECOM_TOKEN: 't',
      WECOM_ENCODING_AES_KEY: 'a'.repeat(43),
    });
    expect(c.sandbox).toBe(false);
    expect(c.wecom?.apiBase).toBe('https://qyapi.weixin.qq.com');
    expect(c.dingtalk).toBeUndefined();
  });

  test('DingTalk HTTP mode requires the event token and aes key; stream mode does not', () => {
    const base = {
      DINGTALK_CLIENT_ID: 'ding1',
      DINGTALK_CLIENT_SECRET: 's',
      DINGTALK_CARD_TEMPLATE_ID: 't.schema',
    };
    expect(load(base).dingtalk?.mode).toBe('stream');
    const e = problemsOf({ ...base, DINGTALK_MODE: 'http' });
    expect(e.problems.map((p) => p.key).sort()).toEqual(['DINGTALK_AES_KEY', 'DINGTALK_TOKEN']);
  });

  test('in the sandbox an explicit key overrides the sandbox default', () => {
    const c = load({ SANDBOX: 'true', WECOM_TOKEN: 'mine', WECOM_CORP_ID: 'wwmine' });
    expect(c.sandbox).toBe(true);
    expect(c.wecom?.token).toBe('mine');
    expect(c.wecom?.corpId).toBe('wwmine');
    expect(c.wecom?.secret).toBe(sandboxWeCom.secret);
  });

  test('.env fills what the environment leaves unset, and the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kelian-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4100\nLOG_LEVEL=debug\n# a comment\nPUBLIC_URL="https://crm.example.com/"\n');
    const c = loadConfig({ env: { LOG_LEVEL: 'warn' }, envFile: file });
    expect(c.port).toBe(4100);
    expect(c.logLevel).toBe('warn');
    expect(c.publicUrl).toBe('https://crm.example.com');
  });

  test('SANDBOX=false with no credentials runs without chat platforms', () => {
    const c = load({ SANDBOX: 'false' });
    expect(c.sandbox).toBe(false);
    expect(c.wecom).toBeUndefined();
    expect(c.dingtalk).toBeUndefined();
  });

  test('ADMIN_USERS lists mobiles and user ids, separated by commas (Chinese ones too) or spaces, each once', () => {
    expect(load({}).adminUsers).toEqual([]);
    expect(load({ ADMIN_USERS: ' 13800001111，ZhangSan, 13800001111  LiSi ' }).adminUsers).toEqual([
      '13800001111',
      'ZhangSan',
      'LiSi',
    ]);
  });

  test('SANDBOX_DEMO_DATA=false keeps the sandbox and leaves the demo company out', () => {
    expect(load({}).sandboxDemoData).toBe(true);
    const c = load({ SANDBOX_DEMO_DATA: 'false' });
    expect(c).toMatchObject({ sandbox: true, sandboxDemoData: false });
    expect(problemsOf({ SANDBOX_DEMO_DATA: 'maybe' }).problems.map((p) => p.key)).toEqual([
      'SANDBOX_DEMO_DATA',
    ]);
  });

  test('TRUST_PROXY is off unless a proxy is declared', () => {
    expect(load({}).trustProxy).toBe(false);
    expect(load({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(problemsOf({ TRUST_PROXY: 'nginx' }).problems.map((p) => p.key)).toEqual(['TRUST_PROXY']);
  });

  test('DEFAULT_ROLES: department word = members’ role / head’s role, the head’s defaulting to the members’', () => {
    expect(load({ DEFAULT_ROLES: '销售=销售/销售主管；客服 = service' }).defaultRoles).toEqual([
      { department: '销售', member: '销售', head: '销售主管' },
      { department: '客服', member: 'service', head: 'service' },
    ]);
    expect(problemsOf({ DEFAULT_ROLES: '销售:销售' }).problems.map((p) => p.key)).toEqual(['DEFAULT_ROLES']);
  });
});
