import pino from 'pino';
import type { TBoardLog } from './board/board-room';

/**
 * The server's log. `LOG_FORMAT=text` (default): today's readable lines. `LOG_FORMAT=json`: one
 * JSON object per line (pino) with the instance id, and for whiteboard events the interview id
 * and the owner epoch, so the lines of several processes can be merged and followed per board.
 */
export type TServerLog = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

// "[board <id>] ..." / "[lease <id>] ...": the prefix the board engine and the cluster write.
const SUBJECT = /^\[(board|lease) ([^\]\s]+)\]\s*/;

export function createServerLog(options: { format: 'text' | 'json'; instanceId: string; epochOf?: (interviewId: string) => number | undefined }): TServerLog {
  if (options.format === 'text') {
    return {
      info: (message) => console.log(`[mockroom] ${message}`),
      warn: (message, fields) => console.warn(`[mockroom] ${message}`, ...(fields?.err ? [fields.err] : [])),
      error: (message, fields) => console.error(`[mockroom] ${message}`, ...(fields?.err ? [fields.err] : [])),
    };
  }
  const logger = pino({ base: { instance: options.instanceId }, timestamp: pino.stdTimeFunctions.isoTime });
  const write = (level: 'info' | 'warn' | 'error') => (message: string, fields: Record<string, unknown> = {}) => {
    const match = SUBJECT.exec(message);
    if (!match) return logger[level](fields, message);
    const interviewId = match[2]!;
    const epoch = options.epochOf?.(interviewId);
    logger[level]({ interviewId, ...(epoch === undefined ? {} : { epoch }), ...fields }, message.slice(match[0].length));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** The board engine's log (message, then details such as an Error) on top of the server's. */
export function boardLog(log: TServerLog): TBoardLog {
  const fieldsOf = (details: unknown[]) => {
    const err = details.find((d) => d instanceof Error);
    const rest = details.filter((d) => d !== err);
    return { ...(err ? { err } : {}), ...(rest.length ? { details: rest.map(String) } : {}) };
  };
  return {
    info: (message, ...details) => log.info(message, fieldsOf(details)),
    warn: (message, ...details) => log.warn(message, fieldsOf(details)),
    error: (message, ...details) => log.error(message, fieldsOf(details)),
  };
}
