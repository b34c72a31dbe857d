import { ConsoleLogger, Logger, type LogLevel } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Start-up chatter that says nothing an operator needs at the default level: the route table, module wiring. */
const START_UP_DETAIL = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/**
 * The service's logger: LOG_LEVEL and everything above it, as text or (LOG_FORMAT=json) one JSON
 * object per line for log collectors; the route table and module wiring only at debug.
 */
export class AppLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    if (START_UP_DETAIL.has(rest[rest.length - 1] as string)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): AppLogger {
  const json = config.LOG_FORMAT === 'json';
  return new AppLogger({
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1),
    json,
    // Colours for a terminal only: a log file or collector gets plain text.
    colors: !json && process.stdout.isTTY === true,
    ...(json ? { flattenParams: true } : {}),
  });
}

const http = new Logger('HTTP');

/**
 * One line per request, when it has been answered: method, path (without the query string, which
 * may carry search terms), status, duration and the request id the answer carries. In JSON the
 * same as fields of their own.
 */
export function requestLogging(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>) {
  const format = config.LOG_FORMAT;
  // Below the level that prints them (LOG_LEVEL warn or error): no listener per request at all.
  if (LEVELS.indexOf(config.LOG_LEVEL) < LEVELS.indexOf('log')) return (_req: Request, _res: Response, next: NextFunction): void => next();
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const requestId = String(res.getHeader('x-request-id') ?? '');
      const path = req.originalUrl.split('?')[0];
      const line = `${req.method} ${path} ${res.statusCode} ${durationMs} ms requestId=${requestId}`;
      if (format === 'json') http.log(line, { method: req.method, path, status: res.statusCode, durationMs, requestId });
      else http.log(line);
    });
    next();
  };
}
