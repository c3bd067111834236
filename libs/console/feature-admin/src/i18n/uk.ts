import type { MessagesOf } from '@backtalk/console/i18n';
import type { en } from './en';

export const uk: MessagesOf<typeof en> = {
  profile: {
    language: {
      title: 'Мова',
      description: 'Мова вашої консолі в кожному браузері, де ви входите. Змінюється одразу.',
      legend: 'Мова консолі',
      saved: 'Тепер консоль українською.',
      notSaved: 'Не вдалося зберегти мову: {reason}',
    },
  },
};
