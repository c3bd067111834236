import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'team_member' })
export class TeamMemberEntity {
  @PrimaryColumn('uuid') teamId!: string;
  @PrimaryColumn('uuid') userId!: string;
  /** Open conversations of this team the member may hold; null: the team's default capacity. */
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  /** Round robin gives the next conversation to the available member who got one longest ago. */
  @Column({ type: 'timestamptz', nullable: true }) lastAssignedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
