import type { ActivityActorKind, ActivityType } from '@backtalk/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One activity line of a thread: a status, priority, hands, consent, SLA or automation change, and who made it. */
@Entity({ name: 'conversation_activity' })
export class ConversationActivityEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Written by the database; orders lines of one transaction, which share `occurredAt`. */
  @Column({ type: 'bigint', insert: false, update: false }) position!: string;
  @Column('uuid') conversationId!: string;
  @Column('uuid') teamId!: string;
  @Column('text') type!: ActivityType;
  @Column('text') actorKind!: ActivityActorKind;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) data!: Record<string, unknown>;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt!: Date;
}
