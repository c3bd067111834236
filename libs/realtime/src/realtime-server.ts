import { Injectable } from '@nestjs/common';
import type { RealtimeNamespace } from './sessions/realtime-session';

/**
 * The `/realtime` namespace, handed over by the gateway once socket.io is up. In a process without an HTTP server
 * (a CLI command built on the API's modules) it never is, and the realtime services stay idle.
 */
@Injectable()
export class RealtimeServer {
  private current: RealtimeNamespace | null = null;

  attach(namespace: RealtimeNamespace): void {
    this.current = namespace;
  }

  get attached(): boolean {
    return this.current !== null;
  }

  get namespace(): RealtimeNamespace {
    if (!this.current) throw new Error('The realtime namespace is not attached yet');
    return this.current;
  }
}
