import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Wakes the projection runner as soon as this process appends, instead of at its next poll
 * (other processes' appends are found by polling).
 */
@Injectable()
export class AppendSignal {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  notify(): void {
    this.emitter.emit('append');
  }

  /** Resolves at the next append of this process, or after `ms`, whichever comes first. */
  wait(ms: number, abort?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('append', done);
        abort?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.once('append', done);
      abort?.addEventListener('abort', done, { once: true });
    });
  }
}
