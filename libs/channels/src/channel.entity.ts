import { type ChannelConfirmations, type ChannelKeywords, Provider, SenderType } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const numeric = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** One sender (a number, short code, alphanumeric id or Twilio Messaging Service) at one provider, owned by a team. */
@Entity({ name: 'channel' })
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') teamId!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'varchar', length: 20 }) provider!: Provider;
  @Column({ type: 'varchar', length: 40 }) sender!: string;
  @Column({ type: 'enum', enum: SenderType, enumName: 'sender_type' }) senderType!: SenderType;
  @Column({ type: 'char', length: 2 }) country!: string;
  /** The provider credentials as one SecretBox-sealed JSON document. */
  @Column({ type: 'text', select: false }) secretsSealed!: string;
  @Column({ type: 'jsonb', default: {} }) settings!: Record<string, unknown>;
  @Column({ type: 'integer' }) reopenWindowMinutes!: number;
  @Column({ type: 'varchar', length: 480 }) helpText!: string;
  @Column({ type: 'jsonb' }) keywords!: ChannelKeywords;
  @Column({ type: 'jsonb' }) confirmations!: ChannelConfirmations;
  @Column({ type: 'numeric', precision: 8, scale: 3, transformer: numeric }) ratePerSecond!: number;
  @Column({ type: 'numeric', precision: 10, scale: 5, transformer: numeric }) pricePerSegment!: number;
  /** ISO 4217 code of pricePerSegment. */
  @Column({ type: 'char', length: 3, default: 'USD' }) currency!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Replace look-alike characters (curly quotes, long dashes) in replies so they stay GSM-7 and cheaper. */
  @Column({ type: 'boolean', default: false }) smartEncoding!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
