import { useTranslation } from '@backtalk/console/i18n';
import { Role } from '@backtalk/contracts';
import type { ReactNode } from 'react';
import './badge.css';
import { translatedRecord } from './translated-record';

export type BadgeTone = 'neutral' | 'accent' | 'success' | 'danger' | 'warning';

export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`bt-badge bt-badge--${tone}`}>{children}</span>;
}

export const ROLE_LABELS = translatedRecord('roles', Object.values(Role));

const ROLE_TONES: Record<Role, BadgeTone> = {
  [Role.Admin]: 'accent',
  [Role.Supervisor]: 'warning',
  [Role.Agent]: 'neutral',
};

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation('ui');
  return <Badge tone={ROLE_TONES[role]}>{t(`roles.${role}`)}</Badge>;
}
