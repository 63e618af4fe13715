import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createRootLogger } from '../logger.js';
import { safeError, scrubText } from '../log-scrub.js';

/** Log lines outlive the people they mention: no address, no row value, no SQL parameter in them. */
describe('what the log keeps of personal data', () => {
  function capture() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, logger: createRootLogger('trace', stream) };
  }

  it('masks e-mail addresses in messages, fields and error texts', () => {
    const { lines, logger } = capture();
    logger.warn({ to: 'sam@example.nl', nested: { reply: '550 5.1.1 <Sam.de.Vries@Example.NL>: unknown' } }, 'mail to sam@example.nl bounced');
    logger.error({ err: new Error('no account for sam@example.nl') }, 'failed');
    const text = lines.join('\n');
    expect(text.toLowerCase()).not.toContain('sam@example.nl');
    expect(text.toLowerCase()).not.toContain('sam.de.vries@example.nl');
    expect(text).toContain('<address>');
    expect(scrubText('no address here: 5 @ 6')).toBe('no address here: 5 @ 6');
  });

  it('keeps of a database error its code and where it failed, never the statement, parameters or row', () => {
    const driver = Object.assign(new Error('invalid input syntax for type uuid: "Sam de Vries"'), {
      code: '22P02',
      detail: 'Failing row contains (Sam de Vries, +31612345678).',
      routine: 'string_to_uuid',
    });
    const err = new QueryFailedError('INSERT INTO notes (text) VALUES ($1)', ['Sam de Vries, +31612345678'], driver);
    const { lines, logger } = capture();
    logger.error({ err }, 'unhandled error');
    const text = lines.join('\n');
    for (const leak of ['Sam de Vries', '+31612345678', 'INSERT INTO']) expect(text).not.toContain(leak);
    expect(JSON.parse(lines[0]).err).toMatchObject({ type: 'QueryFailedError', code: '22P02', routine: 'string_to_uuid' });
    expect(safeError('plain text with sam@example.nl')).toBe('plain text with <address>');
  });
});
