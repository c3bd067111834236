import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/**
 * Whether the application has begun to shut down. Set when Nest starts closing, before the HTTP server stops: the
 * server only stops once every open connection has ended, and a keep-alive client would otherwise keep being served
 * (and keep the process alive) until then.
 */
@Injectable()
export class ShutdownState implements BeforeApplicationShutdown {
  private closing = false;

  get isClosing(): boolean {
    return this.closing;
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
  }
}
