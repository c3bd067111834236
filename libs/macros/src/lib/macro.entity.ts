import type { MacroStep } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A macro: someone's own (`ownerId`), or shared globally (`teamId` null) or with one team. */
@Entity({ name: 'macro' })
export class MacroEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'varchar', length: 60 }) name!: string;
  @Column({ type: 'jsonb' }) steps!: MacroStep[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
