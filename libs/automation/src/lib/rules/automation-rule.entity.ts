import { type RuleAction, type RuleCondition, RuleTrigger } from '@backtalk/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'automation_rule' })
export class AutomationRuleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'uuid', nullable: true }) channelId!: string | null;
  @Column({ type: 'uuid', nullable: true }) teamId!: string | null;
  @Column({ type: 'enum', enum: RuleTrigger, enumName: 'rule_trigger' }) trigger!: RuleTrigger;
  @Column({ type: 'integer', nullable: true }) waitingMinutes!: number | null;
  @Column({ type: 'jsonb', default: [] }) conditions!: RuleCondition[];
  @Column({ type: 'jsonb', default: [] }) actions!: RuleAction[];
  @Column({ type: 'boolean', default: false }) continueAfter!: boolean;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** When the rule's current form was switched on; null while off. It acts only on messages that arrived since. */
  @Column({ type: 'timestamptz', nullable: true }) activeSince!: Date | null;
  /** An auto-reply rule answers conversations a person has only when this is on. */
  @Column({ type: 'boolean', default: false }) answerAssigned!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
