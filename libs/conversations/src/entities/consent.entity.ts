import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The current consent of a contact for one channel; absent means never opted out. */
@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryColumn('uuid') contactId!: string;
  @PrimaryColumn('uuid') channelId!: string;
  @Column({ type: 'boolean' }) optedOut!: boolean;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The ledger: every consent change, who or what made it, and why. Never updated, only appended. */
@Entity({ name: 'consent_event' })
export class ConsentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('uuid') contactId!: string;
  @Column('uuid') channelId!: string;
  @Column({ type: 'enum', enum: ['opt_out', 'opt_in'], enumName: 'consent_action' }) action!: 'opt_out' | 'opt_in';
  @Column({ type: 'varchar', length: 20 }) source!: 'keyword' | 'agent' | 'provider' | 'api' | 'import' | 'erased_customer' | 'merged_contact';
  @Column({ type: 'varchar', length: 40, nullable: true }) keyword!: string | null;
  @Column({ type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'uuid', nullable: true }) messageId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
