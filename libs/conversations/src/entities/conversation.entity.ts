import { ConversationStatus } from '@backtalk/contracts';
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
  @Column({ type: 'timestamptz', nullable: true }) snoozedUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
