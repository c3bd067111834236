import { ConversationPriority, ConversationStatus, type RoutingLanguage, type SlaKind } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'conversation' })
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') channelId!: string;
  @Column('uuid') contactId!: string;
  @Column('uuid') teamId!: string;
  @Column({ type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'enum', enum: ConversationStatus, enumName: 'conversation_status' }) status!: ConversationStatus;
  @Column({ type: 'integer', default: 0 }) unreadCount!: number;
  @Column({ type: 'timestamptz' }) lastMessageAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastInboundAt!: Date | null;
  /** Since when the customer has been waiting for an answer; null once an agent has replied. */
  @Column({ type: 'timestamptz', nullable: true }) waitingSince!: Date | null;
  /** Null while snoozed: until the customer writes again. */
  @Column({ type: 'timestamptz', nullable: true }) snoozedUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ type: 'enum', enum: ConversationPriority, enumName: 'conversation_priority', default: ConversationPriority.Normal }) priority!: ConversationPriority;
  @Column({ type: 'varchar', length: 5, nullable: true }) language!: RoutingLanguage | null;
  /** The running SLA target and the `waitingSince` it was computed from, so a new wait gets a new due time. */
  @Column({ type: 'enum', enum: ['first_response', 'next_response'], enumName: 'sla_kind', nullable: true }) slaKind!: SlaKind | null;
  @Column({ type: 'timestamptz', nullable: true }) slaDueAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) slaStartedAt!: Date | null;
  /** The closed period (by its start) in which the out-of-office reply was sent, so it goes once per period. */
  @Column({ type: 'timestamptz', nullable: true }) outOfOfficePeriod!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
