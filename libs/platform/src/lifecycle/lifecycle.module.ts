import { Global, Module } from '@nestjs/common';
import { ShutdownState } from './shutdown-state';

/** Global like configuration: whether the process is stopping is asked by every part that answers requests. */
@Global()
@Module({ providers: [ShutdownState], exports: [ShutdownState] })
export class LifecycleModule {}
