import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'team_member' })
export class TeamMemberEntity {
  @PrimaryColumn('uuid') teamId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
