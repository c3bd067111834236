import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change of hands: who got the conversation, from whom, by whose doing and why. */
@Entity({ name: 'conversation_assignment' })
export class ConversationAssignmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') conversationId!: string;
  @Column({ type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) previousAssigneeId!: string | null;
  @Column('uuid') teamId!: string;
  @Column('uuid') previousTeamId!: string;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 40 }) reason!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
