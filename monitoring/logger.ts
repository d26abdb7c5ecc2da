// JSON lines on stderr; the level comes from AKOSHA_LOG_LEVEL through the config.
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warning: 30, error: 40 };

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warning(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log = (at: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (rank[at] < rank[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warning: log('warning'), error: log('error') };
}

/**
 * A logger as graphql-yoga's `logging` option. Yoga reports every GraphQL error at its error
 * level, expected ones too; those go to debug (unexpected ones are logged where errors are masked).
 */
export function yogaLogging(logger: Logger) {
  const line = (a: unknown[]) => a.map(String).join(' ');
  return {
    debug: (...a: unknown[]) => logger.debug(line(a)),
    info: (...a: unknown[]) => logger.info(line(a)),
    warn: (...a: unknown[]) => logger.warning(line(a)),
    error: (...a: unknown[]) => logger.debug(line(a)),
  };
}
