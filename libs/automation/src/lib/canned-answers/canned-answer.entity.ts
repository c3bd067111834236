import type { RoutingLanguage } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'canned_answer' })
export class CannedAnswerEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'varchar', length: 120 }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'varchar', length: 40 }) shortcode!: string;
  /** The default language, the one `body` is written in; other languages' texts are in `canned_answer_variant`. */
  @Column({ type: 'varchar', length: 2, default: 'en' }) language!: RoutingLanguage;
  @Column({ type: 'jsonb', default: [] }) tags!: string[];
  @Column({ type: 'jsonb', default: [] }) examples!: string[];
  @Column({ type: 'jsonb', default: [] }) keywords!: string[];
  @Column({ type: 'boolean', default: false }) autoReply!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
