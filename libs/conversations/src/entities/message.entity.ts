import { type ContentRemovalCause, MessageDirection, MessageKind, type MediaView, MessageStatus, type SmsEncoding } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'message' })
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') conversationId!: string;
  @Column('uuid') channelId!: string;
  @Column({ type: 'enum', enum: MessageDirection, enumName: 'message_direction' }) direction!: MessageDirection;
  @Column({ type: 'enum', enum: MessageKind, enumName: 'message_kind' }) kind!: MessageKind;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'enum', enum: MessageStatus, enumName: 'message_status' }) status!: MessageStatus;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'enum', enum: ['GSM-7', 'UCS-2'], enumName: 'sms_encoding' }) encoding!: SmsEncoding;
  @Column({ type: 'smallint' }) segments!: number;
  @Column({ type: 'jsonb', default: [] }) media!: MediaView[];
  @Column({ type: 'varchar', length: 128, nullable: true }) providerMessageId!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) providerTimestamp!: Date | null;
  @Column({ type: 'timestamptz' }) sentAt!: Date;
  /** When an outbound message was last handed to the queue; the outbox sweeper re-enqueues ones left behind. */
  @Column({ type: 'timestamptz', nullable: true }) queuedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) incomplete!: boolean;
  @Column({ type: 'varchar', length: 32, nullable: true }) errorCode!: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) errorReason!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) errorCategory!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) sendAt!: Date | null;
  @Column({ type: 'numeric', precision: 12, scale: 5, nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  estimatedCost!: number | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) externalReference!: string | null;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, string> | null;
  /** Provider refusals so far (5xx, 429); waiting for a rate-limit slot does not count. */
  @Column({ type: 'smallint', default: 0 }) sendAttempts!: number;
  /** When the text or the media links were removed (an erasure, or the team's retention window), and by which. */
  @Column({ type: 'timestamptz', nullable: true }) bodyRemovedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) mediaRemovedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) removedBy!: ContentRemovalCause | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
