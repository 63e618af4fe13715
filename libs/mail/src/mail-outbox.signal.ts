import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Wakes a delivery loop in this process when a mail is committed, so it goes out at once instead
 * of at the next poll. Only a hint: without a listener (the api process), polling picks it up.
 */
@Injectable()
export class MailOutboxSignal {
  private readonly emitter = new EventEmitter();

  notify(): void {
    this.emitter.emit('committed');
  }

  onCommitted(listener: () => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }
}
