import { AuditModule } from '@backtalk/audit';
import { ConversationsModule } from '@backtalk/conversations';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CannedAnswerEntity } from './canned-answer.entity';
import { CannedAnswersController } from './canned-answers.controller';
import { CannedAnswersService } from './canned-answers.service';

@Module({
  imports: [TypeOrmModule.forFeature([CannedAnswerEntity]), ConversationsModule, AuditModule],
  controllers: [CannedAnswersController],
  providers: [CannedAnswersService],
  exports: [CannedAnswersService],
})
export class CannedAnswersModule {}
