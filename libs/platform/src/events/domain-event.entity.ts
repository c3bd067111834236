import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'domain_event' })
export class DomainEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'varchar', length: 60 }) type!: string;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'uuid', nullable: true }) conversationId!: string | null;
  @Column({ type: 'jsonb' }) payload!: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
