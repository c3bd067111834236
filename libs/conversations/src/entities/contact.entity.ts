import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A customer, identified by their phone number in E.164: one contact per number. Teams' notes are in contact_note. */
@Entity({ name: 'contact' })
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** Null once erased: the number is gone, only `phoneHash` (a keyed hash of it) is left. */
  @Column({ type: 'varchar', length: 20, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 120, default: '' }) name!: string;
  @Column({ type: 'timestamptz', nullable: true }) erasedAt!: Date | null;
  @Column({ type: 'char', length: 64, nullable: true }) phoneHash!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
