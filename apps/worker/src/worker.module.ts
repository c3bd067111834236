import { AuthWorkerModule } from '@backtalk/auth';
import { PlatformModule } from '@backtalk/platform';
import { Module } from '@nestjs/common';

/** Every queue processor, and no HTTP server. */
@Module({ imports: [PlatformModule, AuthWorkerModule] })
export class WorkerModule {}
