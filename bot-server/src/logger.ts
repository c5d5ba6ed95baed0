import { type Logger, pino } from 'pino';

export type { Logger };

// Secrets and personal data never reach the log, whatever object a caller hands to it.
const redactPaths = [
  'secret',
  'token',
  'accessToken',
  'access_token',
  'password',
  'aesKey',
  'encodingAesKey',
  'mobile',
  'phone',
  'email',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.password',
  '*.aesKey',
  '*.encodingAesKey',
  '*.mobile',
  '*.phone',
  '*.email',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'kelian' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
