import { type ConsoleLocale, Role, type RoutingLanguage, type UserPreferences } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Stored lower-cased and trimmed; the database checks it. */
  @Column({ type: 'varchar', length: 254 }) email!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'enum', enum: Role, enumName: 'user_role' }) role!: Role;
  @Column({ type: 'text', select: false }) passwordHash!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Open conversations across all teams; null: no limit beyond the teams' own. */
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) languages!: RoutingLanguage[];
  /** Only what the person saved; UserPreferencesService fills in the defaults. Not read unless asked for. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb", select: false }) preferences!: Partial<UserPreferences>;
  /** The console language chosen in the profile; null follows the browser. The database checks the value. */
  @Column({ type: 'text', nullable: true }) locale!: ConsoleLocale | null;
  /** Access tokens issued before this instant are no longer accepted. */
  @Column({ type: 'timestamptz' }) passwordChangedAt!: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
