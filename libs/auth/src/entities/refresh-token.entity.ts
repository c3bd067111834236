import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum RefreshRevocationReason {
  Rotated = 'rotated',
  Logout = 'logout',
  PasswordChanged = 'password_changed',
  ReuseDetected = 'reuse_detected',
  UserDeactivated = 'user_deactivated',
}

/**
 * One refresh token. Tokens of one login share a family: using a token rotates it to a new one in the same family;
 * presenting an already-rotated token means it was stolen, and the whole family is revoked.
 */
@Entity({ name: 'refresh_token' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('uuid') familyId!: string;
  /** SHA-256 of the token: the token itself has 256 random bits, so a fast hash is enough and lookups stay indexed. */
  @Column({ type: 'char', length: 64 }) tokenHash!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) revokedReason!: RefreshRevocationReason | null;
  @Column({ type: 'varchar', length: 400, nullable: true }) userAgent!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
