import { AssignmentPolicy, type BusinessHours } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'team' })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 80 }) name!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) description!: string;
  /** Each team is a queue; these say how its conversations find agents and by when they must be answered. */
  @Column({ type: 'enum', enum: AssignmentPolicy, enumName: 'assignment_policy', default: AssignmentPolicy.Manual }) assignmentPolicy!: AssignmentPolicy;
  @Column({ type: 'integer', nullable: true }) defaultCapacity!: number | null;
  @Column({ type: 'integer', nullable: true }) reassignOfflineAfterSeconds!: number | null;
  @Column({ type: 'boolean', default: false }) preferAgentLanguage!: boolean;
  /** An agent's reply to an unassigned conversation assigns it to them, in the reply's transaction. */
  @Column({ type: 'boolean', default: true }) assignOnReply!: boolean;
  @Column({ type: 'jsonb', nullable: true }) businessHours!: BusinessHours | null;
  @Column({ type: 'text', default: '' }) outOfOfficeMessage!: string;
  @Column({ type: 'integer', nullable: true }) slaFirstResponseMinutes!: number | null;
  @Column({ type: 'integer', nullable: true }) slaNextResponseMinutes!: number | null;
  @Column({ type: 'boolean', default: false }) slaBusinessHoursOnly!: boolean;
  /** Days message texts and media links are kept before retention removes them; null keeps them for good. */
  @Column({ type: 'integer', nullable: true }) retainMessageBodiesDays!: number | null;
  @Column({ type: 'integer', nullable: true }) retainMediaDays!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
