import type { SavedViewFilters } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A named inbox filter set: its owner's (`teamId` null) or shared with a team. Each person's order is in `saved_view_position`. */
@Entity({ name: 'saved_view' })
export class SavedViewEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) ownerId!: string;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'varchar', length: 60 }) name!: string;
  @Column({ type: 'jsonb' }) filters!: SavedViewFilters;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
