import type { LabelColor } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A label: global (`teamId` null) or one team's. Which conversations carry it is in `conversation_label`. */
@Entity({ name: 'label' })
export class LabelEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'varchar', length: 40 }) name!: string;
  @Column({ type: 'text' }) color!: LabelColor;
  @Column({ type: 'varchar', length: 200, nullable: true }) description!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
