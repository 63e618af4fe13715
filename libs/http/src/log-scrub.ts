/** Anything shaped like an e-mail address (the SMTP error "550 <sam@example.nl>: no such user"). */
const ADDRESS = /[^\s<>"'(),;:[\]\\]+@[^\s<>"'(),;:[\]\\]+\.[a-z]{2,}/gi;

export function scrubText(text: string): string {
  return text.includes('@') ? text.replace(ADDRESS, '<address>') : text;
}

export interface SafeError {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  routine?: string;
  stack?: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * What a log may keep of an error: its kind and where it happened. A database error's message
 * can quote the value that failed ("invalid input syntax ...: \"Sam\""), its detail the whole row,
 * and TypeORM adds the statement and every parameter; none of that goes to the log. Other errors
 * keep their message with addresses masked.
 */
export function safeError(err: unknown): SafeError | unknown {
  if (typeof err === 'string') return scrubText(err);
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; driverError?: unknown; constraint?: string; table?: string; column?: string; routine?: string };
  const db = (e.driverError ?? e) as typeof e;
  if (typeof db.code === 'string' && SQLSTATE.test(db.code)) {
    return {
      type: e.name,
      message: `database error ${db.code}${db.constraint ? ` on constraint ${db.constraint}` : ''}`,
      code: db.code,
      constraint: db.constraint,
      table: db.table,
      column: db.column,
      routine: db.routine,
      stack: stackFrames(e.stack),
    };
  }
  return {
    type: e.name,
    message: scrubText(e.message),
    code: typeof e.code === 'string' ? e.code : undefined,
    stack: e.stack ? scrubText(e.stack) : undefined,
  };
}

/** The stack without its first line, which repeats the message. */
function stackFrames(stack: string | undefined): string | undefined {
  return stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n');
}
