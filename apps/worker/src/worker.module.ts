import { AuthWorkerModule } from '@backtalk/auth';
import { InboundWorkerModule } from '@backtalk/inbound';
import { PlatformModule } from '@backtalk/platform';
import { Module } from '@nestjs/common';

/** Every queue processor, and no HTTP server. */
@Module({ imports: [PlatformModule, AuthWorkerModule, InboundWorkerModule] })
export class WorkerModule {}
